/** The password rule's constants and reasons, without the dictionaries (those are in password.ts). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn score (0-4) a new password needs: 3 is "safely unguessable" against a throttled online attack. */
export const PASSWORD_MIN_SCORE = 3;

/** Why a password was refused (translated by the client; no password text is ever echoed). */
export const PASSWORD_REASONS = [
  'tooShort',
  'tooLong',
  'common',
  'similarToCommon',
  'personal',
  'pattern',
  'words',
  'guessable',
] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordVerdict {
  acceptable: boolean;
  score: PasswordScore;
  /** Why it is not acceptable; null when it is. */
  reason: PasswordReason | null;
}
