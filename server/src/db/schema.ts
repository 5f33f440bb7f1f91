/**
 * Table types for Kysely. Timestamps are epoch milliseconds (bigint in PostgreSQL, INTEGER in SQLite).
 * The core tables are here; each feature group's tables are in ./tables/.
 */
import type { Generated } from 'kysely';
import type {
  AdmissionState,
  CaseStatus,
  ConfidentialityPolicy,
  DeviceAdmission,
  Language,
  NoteFormat,
  PartnerSlot,
  SessionKind,
  SessionStatus,
  SignInStage,
  StaffRole,
} from '@tandem/shared';
import type { LiveTables } from './tables/live.js';
import type { RecordTables } from './tables/records.js';
import type { BetweenTables } from './tables/between.js';
import type { ScreeningTables } from './tables/screening.js';
import type { DraftTables } from './tables/drafts.js';
import type { PolicyTables } from './tables/policy.js';
import type { MailTables } from './tables/mail.js';
import type { PracticeTables } from './tables/practice.js';
import type { ClientDataTables } from './tables/clientData.js';

export type {
  StopSignalsTable,
  SafetyProtocolsTable,
  PauseSettingsTable,
  PausesTable,
  ScriptsTable,
  ScriptRunsTable,
  SessionEventsTable,
} from './tables/live.js';
export type {
  ProgressNotesTable,
  ProgressNoteAddendaTable,
  PartnerSummariesTable,
  InstrumentsTable,
  SessionMeasuresTable,
  MeasureResponsesTable,
} from './tables/records.js';
export type {
  CaseLinksTable,
  CaseGrantsTable,
  HomeworkTable,
  HomeworkMarksTable,
  ConflictEntriesTable,
  PlanVersionsTable,
  MaintenanceVersionsTable,
  PlanReviewsTable,
} from './tables/between.js';
export type { PartnerIntakesTable, SessionLocationsTable, ScreeningsTable } from './tables/screening.js';
export type { DraftRoundsTable, DraftCardsTable, DraftRevealsTable } from './tables/drafts.js';
export type { PolicyVersionsTable, PolicyAcksTable, MovedItemsTable } from './tables/policy.js';

export interface TherapistsTable {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  created_at: number;
  /** The practice's progress-note format (the last one used); null until the first note. */
  note_format?: NoteFormat | null;
  /** The practice's name as printed on records; null until set in the account settings. */
  practice_name?: string | null;
  /** The TOTP secret once enrolled (never sent back); null without a second factor. */
  totp_secret?: string | null;
  /** A secret shown for enrolment, not yet confirmed with a code. */
  totp_pending_secret?: string | null;
  totp_enabled_at?: number | null;
  /** Added by 0024: `owner` (the first-run account), `admin` or `clinician`. */
  role: Generated<StaffRole>;
  /** Added by 0024: sees clinical data (1) or not (0: an admin who is not also a clinician). */
  clinical: Generated<number>;
  /** Added by 0024: set once deactivated; such an account cannot sign in. */
  deactivated_at?: number | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step?: number | null;
}

export interface RecoveryCodesTable {
  code_hash: string;
  therapist_id: string;
  created_at: number;
  used_at: number | null;
}

/** The first-run claim: at most one row (id 1), for the therapist who set the instance up. */
export interface FirstRunTable {
  id: number;
  therapist_id: string;
  claimed_at: number;
  /** The practice requires a second factor of every account (1) or not (0). */
  require_second_factor: Generated<number>;
}

export interface AuthSessionsTable {
  token_hash: string;
  therapist_id: string;
  created_at: number;
  expires_at: number;
  /** `full`; `code` or `enrol` while a second factor is still due; `idle` once ended for inactivity. */
  stage: Generated<SignInStage>;
  last_active_at?: number | null;
  user_agent?: string | null;
}

export interface CouplesTable {
  id: string;
  therapist_id: string;
  name: string;
  policy: ConfidentialityPolicy;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
  /** Added by 0015: `active`, `ending` or `follow-up`, and when the case entered it. */
  case_status: CaseStatus;
  case_status_at: number | null;
  /** Added by 0018: joint work paused for safety since then (individual sessions only); null while it goes on. */
  joint_paused_at: number | null;
  /** Added by 0026: when the couple consented to a supervisor joining their sessions; null: no consent. */
  supervision_consent_at: number | null;
}

export interface PartnersTable {
  id: string;
  couple_id: string;
  slot: PartnerSlot;
  display_name: string;
  language: Language;
  /** The control's label agreed with the therapist for the covert stop signal; null = the default neutral one. */
  stop_label: string | null;
  /** Where invitations and reminders go (therapist-only); null: none, links are copied by hand. */
  email: string | null;
  /** IANA time zone the partner's e-mails give times in; null: the therapist's. */
  time_zone: string | null;
}

export interface SessionsTable {
  id: string;
  couple_id: string;
  therapist_id: string;
  kind: SessionKind;
  /** The one partner of an individual session; null for joint sessions. */
  partner_id: string | null;
  title: string;
  scheduled_at: number | null;
  duration_minutes: number;
  status: SessionStatus;
  started_at: number | null;
  ended_at: number | null;
  /** When the therapist's last connection dropped; null while connected. */
  therapist_disconnected_at: number | null;
  created_at: number;
  /** A recurring series: the sessions booked together share it; null for a single session. */
  series_id: string | null;
  /** This session's place in its series (1-based) and the series' length; null outside a series. */
  series_index: number | null;
  series_count: number | null;
  /** When the therapist cancelled it (status 'cancelled'); null otherwise. */
  cancelled_at: number | null;
}

export interface SessionParticipantsTable {
  session_id: string;
  partner_id: string;
  admission: AdmissionState;
  policy_ack_at: number | null;
  /** When the partner's last connection dropped; null while connected or never connected. */
  disconnected_at: number | null;
  updated_at: number;
}

export interface InvitesTable {
  id: string;
  session_id: string;
  partner_id: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  revoked_at: number | null;
}

/** A guest grant is one partner device: the cookie it holds, and that device's own admission. */
export interface GuestGrantsTable {
  token_hash: string;
  invite_id: string;
  session_id: string;
  partner_id: string;
  created_at: number;
  expires_at: number;
  /** The device's public id (shown to the therapist; never the token hash). */
  device_id: string;
  /** This device's admission: waiting until the therapist admits this very device. */
  admission: DeviceAdmission;
  /** When the device's last connection dropped; null while connected or never connected. */
  disconnected_at: number | null;
  policy_ack_at: number | null;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_type: 'therapist' | 'partner' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  session_id: string | null;
  target_id: string | null;
  /** Counts only, as JSON (migration 0024): e.g. how many rows a deletion removed per table. */
  detail?: string | null;
}

export interface CollabUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  update: Uint8Array;
  created_at: number;
}

export interface CollabSnapshotsTable {
  doc_name: string;
  state: Uint8Array;
  /** The last collab_updates id folded into this snapshot. */
  upto_id: number;
  updated_at: number;
}

export interface MapSettingsTable {
  couple_id: string;
  /** When the therapist locked the map; null while partners may edit. */
  locked_at: number | null;
  updated_at: number;
}

export interface MapSnapshotsTable {
  id: string;
  couple_id: string;
  session_id: string;
  doc_name: string;
  state: Uint8Array;
  created_at: number;
}

export interface ChatMessagesTable {
  id: string;
  couple_id: string;
  partner_id: string;
  session_id: string | null;
  author: 'partner' | 'therapist';
  text: string;
  created_at: number;
  read_at: number | null;
}

export interface BreakoutsTable {
  id: string;
  session_id: string;
  partner_id: string;
  message: string;
  /** A standard reason (BREAKOUT_REASONS) or null. */
  reason: string | null;
  started_at: number;
  /** null while the breakout lasts. */
  ended_at: number | null;
}

export interface Database
  extends
    LiveTables,
    RecordTables,
    BetweenTables,
    ScreeningTables,
    DraftTables,
    PolicyTables,
    MailTables,
    PracticeTables,
    ClientDataTables {
  chat_messages: ChatMessagesTable;
  breakouts: BreakoutsTable;
  map_settings: MapSettingsTable;
  map_snapshots: MapSnapshotsTable;
  collab_updates: CollabUpdatesTable;
  collab_snapshots: CollabSnapshotsTable;
  therapists: TherapistsTable;
  first_run: FirstRunTable;
  auth_sessions: AuthSessionsTable;
  couples: CouplesTable;
  partners: PartnersTable;
  sessions: SessionsTable;
  session_participants: SessionParticipantsTable;
  invites: InvitesTable;
  guest_grants: GuestGrantsTable;
  audit_log: AuditLogTable;
  recovery_codes: RecoveryCodesTable;
}
