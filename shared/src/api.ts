/** REST contract under /api: request bodies and response data. Envelope: Result<T>. */
import type { ClinicianSeat, SessionSeat, StaffRole } from './practice.js';
import type {
  AdmissionState,
  ConfidentialityPolicy,
  Language,
  PartnerSlot,
  SeriesRepeat,
  SessionKind,
  SessionStatus,
} from './domain.js';
import type { EmailInviteResultDto, PartnerContactDto } from './mail.js';

export interface TherapistDto {
  id: string;
  name: string;
  email: string;
  /** Their role in the practice (issue 16); absent only in answers that predate roles. */
  role?: StaffRole;
  /** Whether they see clinical data (owners and clinicians; an admin marked "also a clinician"). */
  clinical?: boolean;
}

/**
 * "Who am I" for the client's first look: a signed-out visitor is an answer (therapist null), not an error, so a
 * first visit logs no failed request. needsSetup tells a fresh install to go to /setup.
 */
export interface AuthStateDto {
  therapist: TherapistDto | null;
  needsSetup: boolean;
  /** A sign-in still owes its second factor: the code, or enrolling one (the practice requires it). */
  step?: 'code' | 'enrol';
  /** This device's sign-in was ended for inactivity (told once, then forgotten). */
  signedOutFor?: 'idle';
}
export interface SetupStatusDto {
  needsSetup: boolean;
  /** Setup needs the one-time code from the start banner's link (or SETUP_TOKEN). */
  needsToken: boolean;
}

export interface PartnerDto {
  id: string;
  slot: PartnerSlot;
  displayName: string;
  language: Language;
}

export interface CoupleDto {
  id: string;
  name: string;
  policy: ConfidentialityPolicy;
  archived: boolean;
  partners: PartnerDto[];
  createdAt: string;
  /** Joint work paused for safety since then (individual sessions only); null while it goes on. Therapist-only. */
  jointPausedAt: string | null;
  /** Each partner's e-mail address and time zone (issue 16), slot `a` first. Therapist-only. */
  contacts: PartnerContactDto[];
}

export interface InviteStatusDto {
  partnerId: string;
  state: 'active' | 'redeemed' | 'revoked' | 'expired' | 'none';
  expiresAt: string | null;
  redeemedAt: string | null;
}

export interface SessionDto {
  id: string;
  coupleId: string;
  coupleName: string;
  kind: SessionKind;
  title: string;
  /** Partners expected in this session: both for joint, one for individual. */
  partnerIds: string[];
  scheduledAt: string | null;
  durationMinutes: number;
  status: SessionStatus;
  startedAt: string | null;
  endedAt: string | null;
  /** When it was cancelled (status 'cancelled'), or null. */
  cancelledAt: string | null;
  /** Its place in a recurring series ("3 of 10"), or null for a single session. */
  series: { id: string; index: number; count: number } | null;
  invites: InviteStatusDto[];
  /** The viewer's place in it: `lead` runs it; a co-therapist or supervisor joins it; null: only sees its couple. */
  seat: SessionSeat | null;
  /** Who joins it beside the one who runs it. */
  clinicians: { id: string; name: string; seat: ClinicianSeat }[];
}

/** An invite link, shown once: only a hash of its token is stored. */
export interface IssuedInviteDto {
  partnerId: string;
  url: string;
  expiresAt: string;
}

export interface CreatedSessionDto {
  session: SessionDto;
  invites: IssuedInviteDto[];
  /** With `emailInvites`: the links that went by e-mail (a partner without an address is left out). */
  emailed?: EmailInviteResultDto[];
}

export interface JoinInfoDto {
  sessionId: string;
  title: string;
  coupleName: string;
  kind: SessionKind;
  status: SessionStatus;
  therapistName: string;
  /** When the session is planned to start (ISO), or null when no time was set. */
  scheduledAt: string | null;
  durationMinutes: number;
  policy: ConfidentialityPolicy;
  /** The couple's current policy version (the one to acknowledge) and the therapist's own words with it. */
  policyVersion: number;
  policyWords: string | null;
  partner: PartnerDto;
  admission: AdmissionState;
  /** This device read the policy for this session, and the partner acknowledged the current version. */
  policyAcknowledged: boolean;
}

export interface RedeemResultDto {
  sessionId: string;
}

// ---- request bodies (validated by schemas in ./schemas.ts) ----

export interface SetupBody {
  name: string;
  email: string;
  password: string;
  /** The one-time code from the start banner's setup link (`/setup?token=...`), or SETUP_TOKEN. */
  setupToken: string;
}
/** Needs the current password; ends every other sign-in session of the therapist, keeps this one. */
export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}
export interface SignOutEverywhereDto {
  /** How many sign-in sessions ended (this one included). */
  ended: number;
}
export interface LoginBody {
  email: string;
  password: string;
}
export interface PartnerInput {
  displayName: string;
  language: Language;
  /** Where invitations and reminders go (null: none); absent on update: unchanged. */
  email?: string | null;
  /** IANA time zone the partner's e-mails give times in (null: the therapist's browser's when sent). */
  timeZone?: string | null;
}
export interface CreateCoupleBody {
  name: string;
  policy: ConfidentialityPolicy;
  partners: [PartnerInput, PartnerInput];
}
export interface UpdateCoupleBody {
  name?: string;
  policy?: ConfidentialityPolicy;
  archived?: boolean;
  partners?: [PartnerInput, PartnerInput];
}
export interface CreateSessionBody {
  coupleId: string;
  kind: SessionKind;
  /** Required for an individual session: the one partner invited. */
  partnerId?: string;
  title?: string;
  scheduledAt?: string | null;
  durationMinutes?: number;
  /** E-mail each partner their link (those with an address; needs mail configured). */
  emailInvites?: boolean;
}
/** What a therapist can change on a session after creating it: its title ('' = untitled, named by its date). */
/** What the therapist changes on a session: its title, and (while it is still scheduled) its time and length. */
export interface UpdateSessionBody {
  title?: string;
  /** A new time (links follow it), or null for "start whenever". */
  scheduledAt?: string | null;
  durationMinutes?: number;
}

/** A recurring series: the first session's time, then one every week or two; `count` sessions in all. */
export interface CreateSeriesBody extends CreateSessionBody {
  scheduledAt: string;
  repeat: SeriesRepeat;
  count: number;
  /** The therapist's IANA time zone (default UTC). */
  timeZone?: string;
}

/** The series' sessions, soonest first, and the links for the first one (the others' links are issued later). */
export interface CreatedSeriesDto {
  sessions: SessionDto[];
  invites: IssuedInviteDto[];
}

/** Cancel one scheduled session, or (`following`) it and the later scheduled sessions of its series. */
export interface CancelSessionBody {
  following?: boolean;
}

export interface CancelledDto {
  /** The sessions cancelled by this request. */
  cancelled: string[];
}

/** The therapist's sessions from `from` for `days` days (and any live one), soonest first. */
export interface ScheduleDto {
  from: string;
  to: string;
  sessions: ScheduleItemDto[];
}

export interface ScheduleItemDto extends SessionDto {
  /** For a live session, the partners in the room now. */
  joined: string[];
}
export interface RedeemBody {
  token: string;
}

/** A kept copy of the map (or individual board) as it was when a session ended. */
export interface MapSnapshotDto {
  id: string;
  sessionId: string;
  sessionTitle: string;
  sessionKind: SessionKind;
  docName: string;
  createdAt: string;
}

/** The live doc was set back to this snapshot (POST /api/map-snapshots/:id/restore, therapist only). */
export interface MapRestoreDto {
  snapshotId: string;
  docName: string;
}

export interface MapSnapshotStateDto extends MapSnapshotDto {
  /** Yjs update (base64) that rebuilds the doc as it was. */
  state: string;
}
