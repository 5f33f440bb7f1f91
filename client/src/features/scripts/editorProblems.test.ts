import { describe, expect, it } from 'vitest';
import { SCRIPT_LIBRARY } from '@tandem/shared';
import type { ScriptContent } from '@tandem/shared';
import { editorProblems } from './editorProblems';

const base = SCRIPT_LIBRARY[0]!.contents.en!;

describe('script editor validation', () => {
  it('accepts every built-in script', () => {
    for (const s of SCRIPT_LIBRARY) expect(editorProblems(s.contents.en!)).toEqual([]);
  });

  it('names each missing piece with its step and role', () => {
    const broken: ScriptContent = {
      ...base,
      name: ' ',
      steps: [{ ...base.steps[0]!, title: '', seconds: 5, prompts: { speaker: 'Say it.' } }],
    };
    expect(editorProblems(broken)).toEqual([
      { key: 'scripts.editor.problem.name' },
      { key: 'scripts.editor.problem.stepTitle', values: { n: 1 } },
      { key: 'scripts.editor.problem.seconds', values: { n: 1, min: 10, max: 3600 } },
      { key: 'scripts.editor.problem.prompt', values: { n: 1, role: 'Listener' } },
    ]);
  });
});
