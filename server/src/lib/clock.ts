/** Injected time source, so services and tests agree on "now" (tests pass a fake). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
