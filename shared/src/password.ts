/**
 * The password rule both ends apply: a length range, then zxcvbn-ts (offline lists of common and breached
 * passwords, English and Spanish words and names, keyboard patterns, the person's own name and email).
 * The server's verdict is the one that counts; the client runs the same check for a hint while typing.
 * Its own entry point (`@tandem/shared/password`) so the dictionaries load only where a password is chosen.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as enDictionary } from '@zxcvbn-ts/language-en';
import { dictionary as esDictionary } from '@zxcvbn-ts/language-es-es';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  type PasswordReason,
  type PasswordScore,
  type PasswordVerdict,
} from './passwordRules.js';

export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  PASSWORD_REASONS,
  type PasswordReason,
  type PasswordScore,
  type PasswordVerdict,
} from './passwordRules.js';

/**
 * Only this many characters are analysed: zxcvbn's l33t and repeat matchers grow fast with length, and a
 * password this long that is still weak in its first part is weak anyway.
 */
const ANALYSED_LENGTH = 64;

/**
 * Famous passwords that the bundled lists miss because they are phrases (compared without case, spaces or
 * punctuation), plus words everyone on this instance shares.
 */
const KNOWN_PASSWORDS = [
  'correcthorsebatterystaple',
  'tr0ub4dor3',
  'troubador3',
  'iloveyou1234',
  'letmein12345',
  'tandemtandem',
  'tandempassword',
  'couplestherapy',
];
const CONTEXT_WORDS = ['tandem', 'therapy', 'therapist', 'couples', 'terapia', 'terapeuta', 'pareja'];

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: {
      ...commonDictionary,
      ...enDictionary,
      ...esDictionary,
      'known-tandem': KNOWN_PASSWORDS,
    },
    graphs: adjacencyGraphs,
    maxLength: ANALYSED_LENGTH,
    l33tMaxSubstitutions: 8,
  });
  return factory;
}

const WARNING_REASON: Record<string, PasswordReason> = {
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  pwned: 'common',
  similarToCommon: 'similarToCommon',
  userInputs: 'personal',
  straightRow: 'pattern',
  keyPattern: 'pattern',
  simpleRepeat: 'pattern',
  extendedRepeat: 'pattern',
  sequences: 'pattern',
  recentYears: 'pattern',
  dates: 'pattern',
  wordByItself: 'words',
  namesByThemselves: 'words',
  commonNames: 'words',
};

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Judges a new password; `personal` holds the person's name, email and the like (matched as guessable). */
export function checkPassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH) return { acceptable: false, score: 0, reason: 'tooShort' };
  if (password.length > PASSWORD_MAX_LENGTH) return { acceptable: false, score: 0, reason: 'tooLong' };
  if (KNOWN_PASSWORDS.includes(squash(password))) return { acceptable: false, score: 0, reason: 'common' };
  const inputs = [...CONTEXT_WORDS];
  for (const p of personal) {
    const value = p.trim().toLowerCase();
    if (!value) continue;
    inputs.push(value, ...value.split(/[\s@.+_-]+/).filter((part) => part.length >= 3));
  }
  const result = zxcvbn().check(password, inputs);
  const score = result.score as PasswordScore;
  if (score >= PASSWORD_MIN_SCORE) return { acceptable: true, score, reason: null };
  const warning = result.feedback.warning;
  return { acceptable: false, score, reason: (warning ? WARNING_REASON[warning] : undefined) ?? 'guessable' };
}
