/** Core domain vocabulary shared by every workspace. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How the therapist treats what a partner shares privately (see DOMAIN.md §2). */
export const CONFIDENTIALITY_POLICIES = ['no-secrets', 'limited-secrets', 'secrets-kept'] as const;
export type ConfidentialityPolicy = (typeof CONFIDENTIALITY_POLICIES)[number];

export const SESSION_KINDS = ['joint', 'individual'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** scheduled -> live -> ended ; scheduled -> cancelled (it never took place). */
export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** No one can join any more: it ended, or it was cancelled before it started. */
export function sessionClosed(status: SessionStatus): boolean {
  return status === 'ended' || status === 'cancelled';
}

/** It took place (or is taking place): it has a record, notes, a summary. */
export function sessionHeld(status: SessionStatus): boolean {
  return status === 'live' || status === 'ended';
}

/** A recurring series: a session every week or every two weeks, 2 to 26 of them. */
export const SERIES_REPEATS = ['weekly', 'fortnightly'] as const;
export type SeriesRepeat = (typeof SERIES_REPEATS)[number];
export const SERIES_MIN_COUNT = 2;
export const SERIES_MAX_COUNT = 26;

export const PARTNER_SLOTS = ['a', 'b'] as const;
export type PartnerSlot = (typeof PARTNER_SLOTS)[number];

export type Role = 'therapist' | 'partner';

/**
 * A partner's admission state within one session, as stored.
 * invited -> waiting -> admitted -> left ; waiting -> declined
 */
export const ADMISSION_STATES = ['invited', 'waiting', 'admitted', 'declined', 'left'] as const;
export type AdmissionState = (typeof ADMISSION_STATES)[number];

/**
 * One device's admission (a device = one guest grant): each waits until the therapist admits that device.
 * waiting -> admitted ; waiting -> declined -> admitted
 */
export const DEVICE_ADMISSIONS = ['waiting', 'admitted', 'declined'] as const;
export type DeviceAdmission = (typeof DEVICE_ADMISSIONS)[number];

/** What a presence list shows for one person. */
export const PRESENCE_STATUSES = ['online', 'waiting', 'reconnecting', 'left', 'declined', 'absent'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** A participant who drops may come back without re-admission within this window. */
export const RECONNECT_GRACE_MS = 2 * 60 * 1000;
/** Invite links expire this long after the scheduled end (or creation when unscheduled). */
export const DEFAULT_INVITE_TTL_HOURS = 24;
export const DEFAULT_SESSION_MINUTES = 50;

/**
 * An invite token: 32 random bytes in base64url (43 characters). The server's schema checks it; the client uses it
 * to tell a link that was cut short or mangled (never sent) from a well-formed one the server refuses.
 */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
