/** Account security (issue 16): second factor, sign-in lifetimes, devices, the audit log. Types and constants. */
import type { TherapistDto } from './api.js';

/** A sign-in's step: `full` once complete; `code` waits for a second factor, `enrol` for enrolling one. */
export const SIGN_IN_STAGES = ['full', 'code', 'enrol', 'idle'] as const;
export type SignInStage = (typeof SIGN_IN_STAGES)[number];

export const SECURITY_LIMITS = {
  /** A sign-in ends after this long without activity, unless its device is in a live session's room. */
  idleMs: 30 * 60 * 1000,
  /** A sign-in ends this long after it began, whatever the activity. */
  lifetimeMs: 12 * 60 * 60 * 1000,
  /** The password step holds this long while the second factor is asked for. */
  codeStepMs: 10 * 60 * 1000,
  /** Activity is written at most this often per sign-in. */
  touchEveryMs: 30 * 1000,
  recoveryCodes: 10,
  auditPageSize: 50,
  auditMaxPage: 10_000,
  auditCsvMaxRows: 50_000,
  userAgentChars: 512,
} as const;

/** What the password step says comes next. */
export interface LoginResultDto extends TherapistDto {
  step: 'signed-in' | 'code' | 'enrol';
}

export interface SignInCodeBody {
  /** Six digits from the authenticator app, or one recovery code. */
  code: string;
}

export interface SecurityStateDto {
  totpEnabled: boolean;
  recoveryCodesLeft: number;
  /** The practice requires a second factor of every account. */
  requireSecondFactor: boolean;
  /** The practice's owner (may change the requirement and read the audit log). */
  isOwner: boolean;
  idleMinutes: number;
  lifetimeHours: number;
}

export interface TotpEnrolmentDto {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** otpauth:// URI (what the QR code holds). */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

export interface TotpConfirmBody {
  code: string;
}

export interface RecoveryCodesDto {
  /** Shown once: only their hashes are kept. */
  recoveryCodes: string[];
}

export interface TotpDisableBody {
  password: string;
  code: string;
}

export interface RequireSecondFactorBody {
  required: boolean;
}

export interface DeviceDto {
  id: string;
  /** e.g. "Firefox 128 on Windows" (or the raw agent's first words when unknown). */
  summary: string;
  signedInAt: string;
  lastActiveAt: string;
  current: boolean;
}

export const AUDIT_ACTOR_TYPES = ['therapist', 'partner', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export interface AuditQuery {
  person?: string | undefined;
  couple?: string | undefined;
  action?: string | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
  page?: number | undefined;
}

export interface AuditRowDto {
  id: string;
  at: string;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  sessionId: string | null;
  targetId: string | null;
}

export interface AuditOptionDto {
  id: string;
  name: string;
}

export interface AuditPageDto {
  rows: AuditRowDto[];
  page: number;
  pageSize: number;
  total: number;
  /** For the filters: the actions seen, the people (therapists and partners) and couples by name. */
  actions: string[];
  people: AuditOptionDto[];
  couples: AuditOptionDto[];
}
