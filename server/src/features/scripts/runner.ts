/**
 * The script runner as a pure state machine over ScriptRunView: every transition takes "now" (server ms)
 * and returns the next state. Storage and broadcasting live in the service.
 */
import {
  contentFor,
  finishTimer,
  pauseTimer,
  resumeTimer,
  settleTimer,
  startTimer,
  type Language,
  type ScriptContent,
  type ScriptContents,
  type ScriptRunView,
  type Timer,
} from '@tandem/shared';

export interface RunStart {
  id: string;
  scriptId: string;
  language: Language;
  contents: ScriptContents;
  assignments: Record<string, string>;
}

export function structureOf(run: Pick<ScriptRunView, 'contents' | 'language'>): ScriptContent {
  const content = contentFor(run.contents, run.language, run.language);
  if (!content) throw new Error('A script run without content');
  return content;
}

/** The partner whose turn it is in the current step. */
export function speakerOf(run: ScriptRunView): string | null {
  const step = structureOf(run).steps[run.stepIndex];
  return step ? (run.assignments[step.turn] ?? null) : null;
}

function turnTimer(run: ScriptRunView, now: number): Timer {
  const step = structureOf(run).steps[run.stepIndex];
  const t = startTimer(now, (step?.seconds ?? 0) * 1000);
  return run.status === 'paused' ? pauseTimer(t, now) : t;
}

function closeVisit(run: ScriptRunView, now: number): ScriptRunView['visits'] {
  return run.visits.map((v, i) => (i === run.visits.length - 1 && v.leftAt === null ? { ...v, leftAt: now } : v));
}

/** Enters step `index` (closing the current visit and starting a fresh turn timer). */
function enter(run: ScriptRunView, index: number, now: number): ScriptRunView {
  const base: ScriptRunView = { ...run, stepIndex: index, speakerDone: false, visits: closeVisit(run, now) };
  const next = { ...base, turnTimer: turnTimer(base, now) };
  return {
    ...next,
    visits: [...next.visits, { step: index, enteredAt: now, leftAt: null, speakerId: speakerOf(next) }],
  };
}

export function startRun(start: RunStart, now: number): ScriptRunView {
  const run: ScriptRunView = {
    ...start,
    stepIndex: 0,
    status: 'running',
    turnTimer: startTimer(now, 0),
    speakerDone: false,
    startedAt: now,
    endedAt: null,
    visits: [],
  };
  return enter(run, 0, now);
}

/** Next step; past the last step the run ends. */
export function nextStep(run: ScriptRunView, now: number): ScriptRunView {
  if (run.status === 'ended') return run;
  const last = structureOf(run).steps.length - 1;
  return run.stepIndex >= last ? endRun(run, now) : enter(run, run.stepIndex + 1, now);
}

export function previousStep(run: ScriptRunView, now: number): ScriptRunView {
  if (run.status === 'ended' || run.stepIndex === 0) return run;
  return enter(run, run.stepIndex - 1, now);
}

/** Rotates who plays which role (with two roles, a swap) and restarts the current step's turn. */
export function swapRoles(run: ScriptRunView, now: number): ScriptRunView {
  if (run.status === 'ended') return run;
  const roles = structureOf(run).roles.map((r) => r.id);
  const assignments: Record<string, string> = {};
  roles.forEach((role, i) => {
    const from = run.assignments[roles[(i + 1) % roles.length] ?? role];
    if (from) assignments[role] = from;
  });
  return enter({ ...run, assignments }, run.stepIndex, now);
}

export function setPaused(run: ScriptRunView, paused: boolean, now: number): ScriptRunView {
  if (run.status === 'ended' || (run.status === 'paused') === paused) return run;
  return paused
    ? { ...run, status: 'paused', turnTimer: pauseTimer(run.turnTimer, now) }
    : { ...run, status: 'running', turnTimer: resumeTimer(run.turnTimer, now) };
}

export function endRun(run: ScriptRunView, now: number): ScriptRunView {
  if (run.status === 'ended') return run;
  return { ...run, status: 'ended', endedAt: now, turnTimer: finishTimer(run.turnTimer), visits: closeVisit(run, now) };
}

/** The current speaker says they are done: the turn timer stops at zero; the therapist moves on. */
export function markSpeakerDone(run: ScriptRunView, now: number): ScriptRunView {
  if (run.status === 'ended') return run;
  return { ...run, speakerDone: true, turnTimer: finishTimer(settleTimer(run.turnTimer, now)) };
}

/** A turn timer past its deadline is done. */
export function settleRun(run: ScriptRunView, now: number): ScriptRunView {
  const turnTimer = settleTimer(run.turnTimer, now);
  return turnTimer === run.turnTimer ? run : { ...run, turnTimer };
}
