import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './domain.js';
import { SCRIPT_LIBRARY } from './scriptLibrary.js';
import { sameStructure, scriptProblems, type ScriptContent } from './scripts.js';
import { scriptBodySchema, scriptContentSchema } from './scripts.schemas.js';

const valid: ScriptContent = {
  name: 'Check-in',
  purpose: 'A short turn each.',
  roles: [
    { id: 'speaker', name: 'Speaker' },
    { id: 'listener', name: 'Listener' },
  ],
  steps: [
    {
      title: 'Share',
      turn: 'speaker',
      prompts: { speaker: 'Say one thing.', listener: 'Listen.' },
      stems: ['I feel … when …'],
      seconds: 60,
    },
  ],
};

describe('script template validation', () => {
  it('accepts a well-formed script', () => {
    expect(scriptProblems(valid)).toEqual([]);
    expect(scriptBodySchema.safeParse({ language: 'en', content: valid }).success).toBe(true);
  });

  it('refuses a turn or a prompt for a role that does not exist, and a role without a prompt', () => {
    const bad: ScriptContent = {
      ...valid,
      steps: [{ ...valid.steps[0]!, turn: 'narrator', prompts: { speaker: 'Say it.', ghost: 'Boo.' } }],
    };
    expect(scriptProblems(bad)).toEqual([
      'steps.0.turn: not one of the roles',
      'steps.0.prompts.ghost: not one of the roles',
      'steps.0.prompts.listener: every role needs a prompt',
    ]);
    const parsed = scriptContentSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('steps.0.turn');
  });

  it('refuses duplicate roles, too few roles, no steps and silly timings', () => {
    expect(scriptProblems({ ...valid, roles: [valid.roles[0]!, { id: 'speaker', name: 'Again' }] })).toContain(
      'roles: role ids must be unique',
    );
    expect(scriptContentSchema.safeParse({ ...valid, roles: [valid.roles[0]] }).success).toBe(false);
    expect(scriptContentSchema.safeParse({ ...valid, steps: [] }).success).toBe(false);
    expect(scriptContentSchema.safeParse({ ...valid, steps: [{ ...valid.steps[0], seconds: 2 }] }).success).toBe(false);
    expect(scriptContentSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });
});

describe('built-in script library', () => {
  it('has the five scripts, each valid in English and Spanish with the same structure', () => {
    expect(SCRIPT_LIBRARY.map((s) => s.id)).toEqual([
      'speaker-listener',
      'intentional-dialogue',
      'softened-startup',
      'repair',
      'appreciation',
    ]);
    for (const script of SCRIPT_LIBRARY) {
      for (const lang of LANGUAGES) {
        const content = script.contents[lang];
        expect(content, `${script.id} ${lang}`).toBeDefined();
        const parsed = scriptContentSchema.safeParse(content);
        expect(parsed.success, `${script.id} ${lang}: ${parsed.error?.message}`).toBe(true);
      }
      expect(sameStructure(script.contents.en!, script.contents.es!)).toBe(true);
      expect(script.contents.es!.name).not.toBe(script.contents.en!.name);
    }
  });
});
