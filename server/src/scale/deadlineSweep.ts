/**
 * Several processes: every process arms every open pause, script turn and check-out opening (read from storage),
 * not only the one that started it, so a process that dies loses no timer. The first process to wake at a deadline
 * settles it (a conditional write); the others find it settled and stay quiet. A pause or turn started or extended on
 * another process is armed here within one sweep; until then the one that changed it has it armed.
 */
export const DEADLINE_SWEEP_MS = 2_000;

/** Runs each `resume` every interval (one sweep at a time); returns the stop. */
export function sweepDeadlines(
  resume: Array<() => Promise<void>>,
  onError: (err: unknown) => void,
  intervalMs = DEADLINE_SWEEP_MS,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      for (const r of resume) await r().catch(onError);
      running = false;
    })();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
