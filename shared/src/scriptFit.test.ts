import { describe, expect, it } from 'vitest';
import { SCRIPT_LIBRARY } from './scriptLibrary.js';
import { scriptFitsSession, type ScriptContent } from './scripts.js';

const builtIn: ScriptContent[] = SCRIPT_LIBRARY.flatMap((s) =>
  Object.values(s.contents).filter((c): c is ScriptContent => !!c),
);

describe('which scripts fit a session', () => {
  it('offers every built-in two-role script in a joint session', () => {
    expect(builtIn.length).toBeGreaterThan(0);
    for (const content of builtIn) expect(scriptFitsSession(content, 'joint')).toBe(true);
  });

  it('never offers a script with two partner roles in an individual session', () => {
    for (const content of builtIn) {
      expect(content.roles.length).toBeGreaterThanOrEqual(2);
      expect(scriptFitsSession(content, 'individual')).toBe(false);
    }
  });

  it('would offer a one-role script in an individual session', () => {
    expect(scriptFitsSession({ roles: [{ id: 'speaker', name: 'Speaker' }] }, 'individual')).toBe(true);
  });
});
