import { SCRIPT_LIMITS as L, scriptProblems } from '@tandem/shared';
import type { ScriptContent } from '@tandem/shared';

/** One thing to fix in the editor, as an i18n key and its values. */
export interface EditorProblem {
  key: string;
  values?: Record<string, string | number>;
}

/** The editor's own checks (the same rules the server enforces), phrased for people. */
export function editorProblems(content: ScriptContent): EditorProblem[] {
  const out: EditorProblem[] = [];
  if (!content.name.trim()) out.push({ key: 'scripts.editor.problem.name' });
  content.roles.forEach((r, i) => {
    if (!r.name.trim()) out.push({ key: 'scripts.editor.problem.roleName', values: { n: i + 1 } });
  });
  if (content.steps.length === 0) out.push({ key: 'scripts.editor.problem.noSteps' });
  content.steps.forEach((s, i) => {
    const n = i + 1;
    if (!s.title.trim()) out.push({ key: 'scripts.editor.problem.stepTitle', values: { n } });
    if (!Number.isInteger(s.seconds) || s.seconds < L.seconds.min || s.seconds > L.seconds.max) {
      out.push({ key: 'scripts.editor.problem.seconds', values: { n, min: L.seconds.min, max: L.seconds.max } });
    }
    for (const r of content.roles) {
      if (!s.prompts[r.id]?.trim()) {
        out.push({ key: 'scripts.editor.problem.prompt', values: { n, role: r.name || r.id } });
      }
    }
    if (s.stems.length > L.stems.max)
      out.push({ key: 'scripts.editor.problem.stems', values: { n, max: L.stems.max } });
  });
  // Structural rules (turns naming roles, unique ids) should never fail through this editor; report them anyway.
  if (out.length === 0 && scriptProblems(content).length > 0) out.push({ key: 'scripts.editor.problem.structure' });
  return out;
}
