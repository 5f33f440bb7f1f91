import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it("refuses a feature importing another feature's handlers or routes, and allows its services and stores", async () => {
    const file = `${root}server/src/features/scripts/probe.ts`;
    expect(await restrictedImports("export { x } from '../timers/timers.handlers.js';\n", file)).toHaveLength(1);
    expect(await restrictedImports("export { x } from '../timers/timers.routes.js';\n", file)).toHaveLength(1);
    expect(await restrictedImports("export { x } from '../timers/timers.service.js';\n", file)).toEqual([]);
    expect(await restrictedImports("export { x } from '../timers/timers.store.js';\n", file)).toEqual([]);
    expect(await restrictedImports("export { x } from './scripts.handlers.js';\n", file)).toEqual([]);
  });

  it('refuses the shared contract importing the server or the client', async () => {
    const file = `${root}shared/src/probe.ts`;
    expect(await restrictedImports("export { x } from '@tandem/server/src/app.js';\n", file)).not.toEqual([]);
    expect(await restrictedImports("export { x } from '@tandem/client';\n", file)).not.toEqual([]);
    expect(await restrictedImports("export { x } from './domain.js';\n", file)).toEqual([]);
  });

  it('keeps every server feature within its boundaries today', { timeout: 30_000 }, async () => {
    const results = await eslint.lintFiles(['server/src/features/**/*.ts', 'shared/src/**/*.ts']);
    const broken = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(broken).toEqual([]);
  });
});
