/** A practice, not a single therapist (issue 16): its settings, its people and their roles, invites, shares. */
import type { ConfidentialityPolicy, Language } from './domain.js';
import type { NoteFormat } from './record.js';

/** owner: set Tandem up, cannot be demoted or deactivated; admin: people and settings; clinician: their couples. */
export const STAFF_ROLES = ['owner', 'admin', 'clinician'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles an invite or a role change may give (there is one owner, the first-run account). */
export const ASSIGNABLE_ROLES = ['admin', 'clinician'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const PRACTICE_LIMITS = {
  nameMax: 120,
  personNameMax: 120,
  emailMax: 254,
  /** A clinician's invite link expires after this long. */
  inviteTtlMs: 7 * 24 * 60 * 60 * 1000,
  /** At most this many open invites at once (a hostile admin cannot fill the table). */
  openInvitesMax: 50,
} as const;

/** GET/PUT /api/practice/settings: the practice's own settings (owner and admins edit them). */
export interface PracticeSettingsDto {
  name: string;
  /** IANA time zone the practice works in. */
  timeZone: string;
  language: Language;
  /** The confidentiality policy a new couple starts with. */
  defaultPolicy: ConfidentialityPolicy;
  /** The progress-note format the practice writes notes in (null: chosen at the first note). */
  noteFormat: NoteFormat | null;
}

/** One person of the practice, as the People page lists them. */
export interface PersonDto {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  /** Sees clinical data (owners and clinicians always; an admin when marked "also a clinician"). */
  clinical: boolean;
  secondFactor: boolean;
  /** The last activity of any of their sign-ins (ISO), null when never. */
  lastActiveAt: string | null;
  /** Set once deactivated (ISO): they cannot sign in. */
  deactivatedAt: string | null;
  /** How many couples they are assigned. */
  couples: number;
}

/** An invite not yet used. */
export interface StaffInviteDto {
  id: string;
  email: string;
  role: AssignableRole;
  clinical: boolean;
  language: Language;
  expiresAt: string;
}

/** GET /api/practice/people */
export interface PeopleDto {
  people: PersonDto[];
  invites: StaffInviteDto[];
  /** Whether e-mail can be sent (SMTP configured); links can always be copied. */
  mailConfigured: boolean;
}

/** POST /api/practice/invites */
export interface CreateStaffInviteBody {
  email: string;
  role: AssignableRole;
  /** Only read for an admin: also a clinician. Clinicians are always clinical. */
  clinical?: boolean;
  /** The invitee's language: the e-mail and the sign-up page are in it. */
  language: Language;
  /** Also send the link by e-mail (when mail is configured). */
  send?: boolean;
}

export interface CreatedStaffInviteDto {
  invite: StaffInviteDto;
  /** The single-use sign-up link (shown once; the server keeps only its hash). */
  url: string;
  /** Whether it went by e-mail. */
  mailed: boolean;
}

/** GET /api/practice/invites/lookup (the sign-up page, before signing up). */
export interface StaffInviteLookupDto {
  practiceName: string;
  email: string;
  role: AssignableRole;
  language: Language;
  /** The practice requires a second factor: enrolment follows the sign-up. */
  secondFactorRequired: boolean;
}

/** POST /api/practice/invites/accept */
export interface AcceptStaffInviteBody {
  token: string;
  name: string;
  password: string;
}

/** PATCH /api/practice/people/:id */
export interface UpdatePersonBody {
  role?: AssignableRole;
  clinical?: boolean;
}

/** POST /api/practice/people/:id/deactivate: who receives their couples and upcoming sessions. */
export interface DeactivatePersonBody {
  reassignTo: string | null;
}

/** POST /api/couples/:id/transfer */
export interface TransferCoupleBody {
  clinicianId: string;
}

/** PUT /api/couples/:id/shares: the clinicians a couple is shared with (besides its own). */
export interface CoupleSharesBody {
  clinicianIds: string[];
}

/** GET /api/couples/:id/care: who has the couple and who may take it or share in it. */
export interface CoupleCareDto {
  clinicianId: string;
  sharedWith: string[];
  /** Active clinical people of the practice, to choose from. */
  clinicians: { id: string; name: string }[];
  /** Whether the couple consented to a supervisor joining their sessions. */
  supervisionConsent: boolean;
}

/**
 * A second clinician in one session (co-therapy): a co-therapist takes part in the room and the notes; a
 * supervisor, only where the couple consented to supervision, joins muted and unseen by the partners and only
 * reads. Neither runs the session (admit, pause, end, scripts): its own clinician does.
 */
export const CLINICIAN_SEATS = ['cotherapist', 'supervisor'] as const;
export type ClinicianSeat = (typeof CLINICIAN_SEATS)[number];
/** A clinician's place in a session: `lead` runs it. */
export type SessionSeat = 'lead' | ClinicianSeat;
/** At most this many clinicians beside the one who runs a session (the call then holds five people). */
export const MAX_SESSION_CLINICIANS = 2;

export interface SessionClinicianDto {
  id: string;
  name: string;
  seat: ClinicianSeat;
  addedAt: string;
}

/** GET /api/sessions/:id/clinicians: who runs the session, who joins it, and who may be added. */
export interface SessionCliniciansDto {
  leadId: string;
  clinicians: SessionClinicianDto[];
  /** Whether the couple consented to supervision (a supervisor may be added only then). */
  supervisionConsent: boolean;
  /** Active clinical people of the practice who could join (not the lead, not already in). */
  choices: { id: string; name: string }[];
}

/** POST /api/sessions/:id/clinicians */
export interface AddSessionClinicianBody {
  clinicianId: string;
  seat: ClinicianSeat;
}

/** PUT /api/couples/:id/supervision: the couple's consent to a supervisor joining their sessions. */
export interface SupervisionConsentBody {
  consent: boolean;
}
