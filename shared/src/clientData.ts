/** The client's data (export, deletion, retention) and password reset by a single-use link (issue 16). */
import type { Language } from './domain.js';

/** The longest retention a practice may set, in years. */
export const RETENTION_MAX_YEARS = 30;
/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** Typing the couple's (or partner's) name confirms a deletion. */
export interface DeleteConfirmBody {
  confirmName: string;
}

/** What a deletion removed: rows per table and Yjs documents (counts only). */
export interface ErasureResultDto {
  rows: Record<string, number>;
  documents: number;
}

export interface RetentionBody {
  /** null: keep; N: delete a couple N years after its last session. */
  years: number | null;
}

export interface RetentionDueDto {
  coupleId: string;
  name: string;
  /** ISO; the couple's last session (or its creation when it had none). */
  lastActivityAt: string;
  /** ISO; when the rule deletes it. */
  dueAt: string;
}

export interface RetentionDto {
  years: number | null;
  /** Couples past the period now (deleted by the next sweep), oldest first. */
  due: RetentionDueDto[];
  /** ISO; the last sweep that ran, if any. */
  lastSweepAt: string | null;
}

export interface ForgotPasswordBody {
  email: string;
  /** The language of the page the person asked from (the e-mail is written in it). */
  language: Language;
}

/** The same reply whether or not the address has an account. */
export interface ForgotPasswordDto {
  /** false: this server sends no e-mail; ask the practice's owner for a reset link. */
  mail: boolean;
}

export interface ResetPasswordBody {
  token: string;
  newPassword: string;
}

export interface ResetLinkDto {
  url: string;
  expiresAt: string;
}
