/** zod schemas for the short texts people see as names and titles: couple, partner, therapist, session, script. */
import { z } from 'zod';

/**
 * Characters that change how text around a name is shown or read instead of being part of it: C0 and C1
 * controls (NUL, newlines, escapes), DEL, the bidirectional marks, embeddings, overrides and isolates
 * (U+200E/F, U+202A-202E, U+2066-2069, U+061C). Joiners (U+200C/D) stay allowed: Persian and emoji need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const UNSAFE_NAME_MESSAGE = 'must not contain control characters or text-direction marks';

/** A name or title: NFC-normalised, trimmed, without control or direction-override characters. */
export function safeText({ min, max }: { min: number; max: number }) {
  return z
    .string()
    .max(max * 4)
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !UNSAFE_IN_NAMES.test(v), UNSAFE_NAME_MESSAGE);
}
