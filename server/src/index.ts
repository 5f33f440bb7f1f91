export { startTandem } from './app.js';
export type { Tandem, StartOptions } from './app.js';
export { loadConfig, ConfigError } from './config.js';
export type { Config } from './config.js';
export { dropPostgresSchema } from './db/database.js';
