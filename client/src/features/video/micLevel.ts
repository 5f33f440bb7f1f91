/**
 * How loud a block of time-domain samples is, from 0 (silence) to 1, as the microphone meter shows it: the RMS
 * around the 128 midpoint, on a square-root scale so quiet speech still moves the bar.
 */
export function micLevel(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const v of samples) sum += (v - 128) * (v - 128);
  const rms = Math.sqrt(sum / samples.length);
  // Below ~1 is the noise of an 8-bit quantiser; a loud voice is ~40.
  if (rms < 1) return 0;
  return Math.min(1, Math.sqrt(rms / 40));
}
