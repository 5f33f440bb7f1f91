import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const workspaceByName = {
  group: ['../../shared/*', '../../server/*', '../../client/*', '**/shared/src/*'],
  message: 'Import workspaces by package name.',
};
const otherFeaturesEntryPoints = {
  group: [
    '../*/*.handlers',
    '../*/*.handlers.*',
    '../*/*.routes',
    '../*/*.routes.*',
    '**/features/*/*.handlers*',
    '**/features/*/*.routes*',
  ],
  message:
    "No feature imports another's handlers or routes: call its service or store, or move the shared piece to a neutral module.",
};
const noServerInFeatures = {
  group: ['**/realtime/types', '**/realtime/types.js'],
  importNames: ['TandemServer'],
  message:
    'A feature holds no `io`: it sends through the Publisher (realtime/publisher.ts) and asks the Roster (realtime/roster.ts) who is connected.',
};
const noSocketIoServerInFeatures = {
  group: ['socket.io'],
  importNames: ['Server'],
  message: 'A feature holds no Socket.IO server: use the Publisher and the Roster (server/src/realtime/).',
};
const sharedStandsAlone = {
  group: [
    '@tandem/server',
    '@tandem/server/*',
    '@tandem/client',
    '@tandem/client/*',
    '**/server/**',
    '**/client/**',
    '../server',
    '../client',
  ],
  message: 'shared/ is the contract: it imports nothing from the server or the client.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.tsbuild/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name what a module offers: no export *.' },
      ],
      'no-restricted-imports': ['error', { patterns: [workspaceByName] }],
    },
  },
  {
    // Import boundaries between server features: a feature offers its services and stores, never its
    // handlers or routes (those are wired once: routes in app.ts, Socket.IO handlers in sockets.ts).
    files: ['server/src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [workspaceByName, otherFeaturesEntryPoints, noServerInFeatures, noSocketIoServerInFeatures] },
      ],
    },
  },
  {
    // The contract depends on nothing of the server or the client.
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [workspaceByName, sharedStandsAlone] }] },
  },
  {
    files: ['client/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
