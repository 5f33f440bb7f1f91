import { describe, expect, it } from 'vitest';
import { builtinScript, timerRemaining, type ScriptRunView } from '@tandem/shared';
import {
  endRun,
  markSpeakerDone,
  nextStep,
  previousStep,
  setPaused,
  settleRun,
  speakerOf,
  startRun,
  swapRoles,
} from './runner.js';

const script = builtinScript('speaker-listener')!;
const start = (now = 0): ScriptRunView =>
  startRun(
    {
      id: 'run',
      scriptId: script.id,
      language: 'en',
      contents: script.contents,
      assignments: { speaker: 'alex', listener: 'sam' },
    },
    now,
  );

describe('script runner state machine', () => {
  it('starts on the first step with a running turn timer for its suggested time', () => {
    const run = start(1_000);
    expect(run).toMatchObject({ stepIndex: 0, status: 'running', speakerDone: false });
    expect(run.turnTimer).toMatchObject({ status: 'running', deadline: 91_000 });
    expect(speakerOf(run)).toBe('alex');
    expect(run.visits).toEqual([{ step: 0, enteredAt: 1_000, leftAt: null, speakerId: 'alex' }]);
  });

  it('advances and goes back, recording each visit, and ends after the last step', () => {
    let run = nextStep(start(0), 10_000);
    expect(run.stepIndex).toBe(1);
    expect(speakerOf(run)).toBe('sam');
    run = previousStep(run, 20_000);
    expect(run.stepIndex).toBe(0);
    expect(previousStep(run, 21_000)).toBe(run);
    for (let i = 0; i < 4; i++) run = nextStep(run, 30_000 + i);
    expect(run).toMatchObject({ status: 'ended', endedAt: 30_003 });
    expect(run.visits.map((v) => [v.step, v.leftAt !== null])).toEqual([
      [0, true],
      [1, true],
      [0, true],
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(nextStep(run, 40_000)).toBe(run);
  });

  it('swaps roles and restarts the turn for the new speaker', () => {
    const run = swapRoles(start(0), 5_000);
    expect(run.assignments).toEqual({ speaker: 'sam', listener: 'alex' });
    expect(speakerOf(run)).toBe('sam');
    expect(run.turnTimer.deadline).toBe(95_000);
  });

  it('pauses and resumes the turn timer with what was left', () => {
    const paused = setPaused(start(0), true, 30_000);
    expect(paused.status).toBe('paused');
    expect(timerRemaining(paused.turnTimer, 500_000)).toBe(60_000);
    const next = nextStep(paused, 40_000);
    expect(next.turnTimer.status).toBe('paused');
    const resumed = setPaused(paused, false, 100_000);
    expect(resumed.turnTimer).toMatchObject({ status: 'running', deadline: 160_000 });
  });

  it('lets the speaker finish a turn early, expires a turn, and ends', () => {
    expect(markSpeakerDone(start(0), 1_000)).toMatchObject({ speakerDone: true, turnTimer: { status: 'done' } });
    expect(settleRun(start(0), 90_000).turnTimer.status).toBe('done');
    expect(endRun(start(0), 2_000)).toMatchObject({ status: 'ended', endedAt: 2_000, turnTimer: { status: 'done' } });
  });
});
