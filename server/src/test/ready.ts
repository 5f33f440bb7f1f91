/**
 * Waits for a spawned server to say it is ready. The e2e suite imports it too (`@tandem/server/test/ready`), so it
 * imports nothing of Vitest or of the test harness: the e2e screenshot scripts run it under plain tsx.
 */
import type { ChildProcess } from 'node:child_process';

/** The start banner's first words (banner.ts), printed once the server listens. */
const BANNER = 'Tandem is running';

/** Everything a child process has printed, over its restarts; a starter reads it into its errors and logs. */
export interface ChildOutput {
  text: string;
}

/**
 * Resolves when `child` prints its banner (after it listens), not when some server answers on the port: another
 * test's server may have taken the port first. Whatever it prints is added to `output`. Rejects when it exits
 * first, or after `timeoutMs`, when it is killed so that none is left running behind a failed test.
 */
export function untilBanner(child: ChildProcess, output: ChildOutput, timeoutMs: number): Promise<void> {
  const from = output.text.length;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output.text}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output.text += d.toString();
      if (output.text.includes(BANNER, from)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output.text}`));
    });
  });
}
