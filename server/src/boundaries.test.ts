import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Each table's reads go through one owning store; other features call it instead of querying the table. */
const OWNERS: Record<string, string> = {
  partners: 'server/src/features/couples/partners.store.ts',
  session_participants: 'server/src/features/sessions/participants.store.ts',
  guest_grants: 'server/src/features/join/grants.store.ts',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

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

  it('refuses a feature holding the Socket.IO server: it sends through the Publisher', async () => {
    const file = `${root}server/src/features/lobby/probe.ts`;
    expect(
      await restrictedImports("import type { TandemServer } from '../../realtime/types.js';\n", file),
    ).toHaveLength(1);
    expect(await restrictedImports("import type { Server } from 'socket.io';\n", file)).toHaveLength(1);
    expect(await restrictedImports("import type { TandemSocket } from '../../realtime/types.js';\n", file)).toEqual([]);
    expect(await restrictedImports("import type { Publisher } from '../../realtime/publisher.js';\n", file)).toEqual(
      [],
    );
  });

  it('refuses the shared contract importing the server or the client', async () => {
    const file = `${root}shared/src/probe.ts`;
    expect(await restrictedImports("export { x } from '@tandem/server/src/app.js';\n", file)).not.toEqual([]);
    expect(await restrictedImports("export { x } from '@tandem/client';\n", file)).not.toEqual([]);
    expect(await restrictedImports("export { x } from './domain.js';\n", file)).toEqual([]);
  });

  // `npm run lint` (run by `npm test` before any test) lints every file with these rules; linting them again here
  // took 21 s of each run. What this test adds is that none of them falls outside the rule.
  it('puts every server feature and the shared contract under the boundary rule', async () => {
    const files = [...sources(`${root}server/src/features`), ...sources(`${root}shared/src`)];
    expect(files.length).toBeGreaterThan(50);
    const outside: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      const rule = config.rules?.['no-restricted-imports'];
      const level = Array.isArray(rule) ? rule[0] : rule;
      if (level !== 2 && level !== 'error') outside.push(relative(root, file));
    }
    expect(outside).toEqual([]);
  });

  it('reads partners, session participants and device grants only through their owning stores', () => {
    const strays: string[] = [];
    for (const file of sources(`${root}server/src`)) {
      const rel = relative(root, file);
      for (const m of readFileSync(file, 'utf8').matchAll(/selectFrom\(\s*'(\w+)(?: as \w+)?'/g)) {
        const owner = OWNERS[m[1] ?? ''];
        if (owner !== undefined && owner !== rel) strays.push(`${rel} reads ${m[1]}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
