import type { Generated } from 'kysely';
/** Table types for Kysely. Timestamps are epoch milliseconds (bigint in PostgreSQL, INTEGER in SQLite). */
import type {
  AdmissionState,
  ConfidentialityPolicy,
  Language,
  PartnerSlot,
  SessionKind,
  SessionStatus,
} from '@tandem/shared';
import type { DeviceAdmission } from '@tandem/shared';
import type { NoteFormat, ProtocolStep, SessionEventKind } from '@tandem/shared';
import type { MeasureOccasion, SessionOccasion } from '@tandem/shared';
import type { CaseStatus, MovedItemKind } from '@tandem/shared';
import type { PauseEndReason, PauseExercise, Role, ScriptRunStatus, TimerStatus } from '@tandem/shared';

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
}

/** The first-run claim: at most one row (id 1), for the therapist who set the instance up. */
export interface FirstRunTable {
  id: number;
  therapist_id: string;
  claimed_at: number;
}

export interface AuthSessionsTable {
  token_hash: string;
  therapist_id: string;
  created_at: number;
  expires_at: number;
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
}

export interface PartnersTable {
  id: string;
  couple_id: string;
  slot: PartnerSlot;
  display_name: string;
  language: Language;
  /** The control's label agreed with the therapist for the covert stop signal; null = the default neutral one. */
  stop_label: string | null;
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

/** One covert stop signal from a partner (therapist only), until the therapist dismisses it. */
export interface StopSignalsTable {
  id: string;
  session_id: string;
  partner_id: string;
  at: number;
  dismissed_at: number | null;
}

/** The one-click safety protocol of a session: pause, breakout with the signaller, breakout with the other. */
export interface SafetyProtocolsTable {
  id: string;
  session_id: string;
  therapist_id: string;
  first_partner_id: string;
  second_partner_id: string;
  step: ProtocolStep;
  started_at: number;
  updated_at: number;
}

/** The couple's pause settings (booleans as 0/1; choices as a JSON array). */
export interface PauseSettingsTable {
  couple_id: string;
  default_minutes: number;
  choices: string;
  show_caller: number;
  media_paused: number;
  exercise: PauseExercise;
  updated_at: number;
}

/** One pause: a timer stored as status + deadline (running) or remaining (paused); kept for the summary. */
export interface PausesTable {
  id: string;
  session_id: string;
  called_by_id: string;
  called_by_role: Role;
  called_by_name: string;
  show_caller: number;
  media_paused: number;
  exercise: PauseExercise;
  timer_status: TimerStatus;
  duration_ms: number;
  deadline: number | null;
  remaining_ms: number;
  /** JSON array of partner ids who are ready to come back. */
  ready: string;
  started_at: number;
  ended_at: number | null;
  end_reason: PauseEndReason | null;
}

/** A therapist's own script (content as JSON). */
export interface ScriptsTable {
  id: string;
  therapist_id: string;
  language: Language;
  content: string;
  created_at: number;
  updated_at: number;
}

/** A script run in a session: its state, turn timer and the steps it visited (JSON columns). */
export interface ScriptRunsTable {
  id: string;
  session_id: string;
  script_id: string;
  language: Language;
  contents: string;
  assignments: string;
  step_index: number;
  status: ScriptRunStatus;
  timer_status: TimerStatus;
  duration_ms: number;
  deadline: number | null;
  remaining_ms: number;
  speaker_done: number;
  visits: string;
  started_at: number;
  ended_at: number | null;
  updated_at: number;
}

/** A device (or the therapist) came into the session's room or left it; written by the lobby. */
export interface SessionEventsTable {
  /** Insertion order (events of the same millisecond keep theirs). */
  seq: Generated<number>;
  session_id: string;
  at: number;
  kind: SessionEventKind;
  person_role: 'therapist' | 'partner';
  person_id: string;
  /** The partner device (guest grant's public id); null for the therapist. */
  device_id: string | null;
}

/** One couples progress note per session (content as JSON); locked once signed. */
export interface ProgressNotesTable {
  session_id: string;
  therapist_id: string;
  format: NoteFormat;
  content: string;
  created_at: number;
  updated_at: number;
  signed_at: number | null;
  signed_by: string | null;
  signer_name: string | null;
}

/** A correction to a signed note, with its own time; never changed afterwards. */
export interface ProgressNoteAddendaTable {
  id: string;
  session_id: string;
  therapist_id: string;
  author_name: string;
  text: string;
  created_at: number;
}

/** A partner's version of the session summary; `released_content` is what partners read (JSON), null unless released. */
export interface PartnerSummariesTable {
  id: string;
  session_id: string;
  couple_id: string;
  therapist_id: string;
  /** `couple` or the partner's id (one summary per session and audience). */
  audience: string;
  partner_id: string | null;
  status: 'draft' | 'released';
  /** The draft's choices (JSON SummaryDraftBody). */
  options: string;
  released_content: string | null;
  released_hash: string | null;
  released_at: number | null;
  released_by: string | null;
  released_by_name: string | null;
  withdrawn_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One version of an instrument a practice imported (the definition as JSON, validated on import). */
export interface InstrumentsTable {
  therapist_id: string;
  instrument_id: string;
  version: number;
  definition: string;
  imported_at: number;
}

/** A session's check-in or check-out; no row means not opened yet. */
export interface SessionMeasuresTable {
  session_id: string;
  occasion: SessionOccasion;
  status: 'open' | 'closed';
  instrument_id: string;
  instrument_version: number;
  opened_at: number | null;
  closed_at: number | null;
  /** `auto` (opened by the session's clock) or the therapist's id. */
  opened_by: string;
}

/** One partner's answers to one instrument version, with the score computed when they were given. */
export interface MeasureResponsesTable {
  id: string;
  couple_id: string;
  partner_id: string;
  session_id: string | null;
  occasion: MeasureOccasion;
  instrument_id: string;
  instrument_version: number;
  /** JSON: item id to a number or a line of text. */
  answers: string;
  score: number | null;
  answered_at: number;
  updated_at: number;
}

/** A partner's personal link for the couple's case (issue 14): one live per partner. */
export interface CaseLinksTable {
  id: string;
  couple_id: string;
  partner_id: string;
  token_hash: string;
  created_at: number;
  revoked_at: number | null;
}

/** A device's cookie for a case link; revoked with its link. */
export interface CaseGrantsTable {
  token_hash: string;
  link_id: string;
  couple_id: string;
  partner_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** The task agreed at a session: for one partner, or both when `partner_id` is null. */
export interface HomeworkTable {
  id: string;
  couple_id: string;
  session_id: string | null;
  partner_id: string | null;
  text: string;
  due_at: number | null;
  repeat: 'none' | 'daily' | 'weekly';
  created_at: number;
  closed_at: number | null;
}

/** One partner's tick and private reflection for one period of a task ('' for a one-off task). */
export interface HomeworkMarksTable {
  homework_id: string;
  partner_id: string;
  period: string;
  done_at: number | null;
  reflection: string | null;
  updated_at: number;
}

/** One partner's conflict log entry: theirs and the therapist's to read, never the other partner's. */
export interface ConflictEntriesTable {
  id: string;
  couple_id: string;
  partner_id: string;
  occurred_at: number;
  duration_min: number | null;
  repair_min: number | null;
  /** 1 or 0; null when not said. */
  pause_used: number | null;
  helped: string | null;
  created_at: number;
  updated_at: number;
}

/** One saved version of a couple's treatment plan (`content`: the PlanContent as JSON). */
export interface PlanVersionsTable {
  couple_id: string;
  version: number;
  content: string;
  saved_by: string | null;
  saved_at: number;
}

/** A version of the maintenance plan: its content and the map's picture then (JSON). */
export interface MaintenanceVersionsTable {
  couple_id: string;
  version: number;
  content: string;
  map: string | null;
  saved_by_type: 'therapist' | 'partner';
  saved_by: string | null;
  saved_at: number;
}

/** A review of the plan: the note, and the objectives' statuses then (JSON). */
export interface PlanReviewsTable {
  id: string;
  couple_id: string;
  plan_version: number;
  note: string;
  statuses: string;
  reviewed_by: string | null;
  reviewed_at: number;
}

/** A partner's intake (issue 15): therapist-only once given; the partner reads back their own. */
export interface PartnerIntakesTable {
  partner_id: string;
  couple_id: string;
  contact_name: string;
  contact_phone: string;
  contact_relation: string;
  address: string;
  country: string;
  consent_version: number;
  consent_at: number;
  updated_at: number;
}

/** Where a partner is for one session (1/0 flags). */
export interface SessionLocationsTable {
  session_id: string;
  partner_id: string;
  usual: number;
  address: string | null;
  country: string | null;
  private: number;
  confirmed_at: number;
}

/** A private screening sent to one partner; answers (JSON) and risk items (JSON array) once answered. */
export interface ScreeningsTable {
  id: string;
  couple_id: string;
  partner_id: string;
  instrument_id: string;
  instrument_version: number;
  sent_at: number;
  answered_at: number | null;
  answers: string | null;
  score: number | null;
  flagged: number | null;
  risk_items: string | null;
}

/** Added by 0017: each version of a couple's confidentiality policy (never overwritten). */
export interface PolicyVersionsTable {
  couple_id: string;
  version: number;
  kind: ConfidentialityPolicy;
  words: string | null;
  created_by: string | null;
  created_at: number;
}

/** Added by 0017: a partner's acknowledgement of one policy version. */
export interface PolicyAcksTable {
  partner_id: string;
  couple_id: string;
  version: number;
  acknowledged_at: number;
}

/** Added by 0017: an item moved from a private space into a shared one, under the policy version then current. */
export interface MovedItemsTable {
  id: string;
  couple_id: string;
  kind: MovedItemKind;
  item_id: string;
  moved_by_type: 'partner' | 'therapist';
  moved_by: string;
  session_id: string | null;
  policy_version: number;
  moved_at: number;
}

export interface Database {
  policy_versions: PolicyVersionsTable;
  policy_acks: PolicyAcksTable;
  moved_items: MovedItemsTable;
  plan_versions: PlanVersionsTable;
  maintenance_versions: MaintenanceVersionsTable;
  plan_reviews: PlanReviewsTable;
  partner_intakes: PartnerIntakesTable;
  session_locations: SessionLocationsTable;
  screenings: ScreeningsTable;
  case_links: CaseLinksTable;
  case_grants: CaseGrantsTable;
  homework: HomeworkTable;
  homework_marks: HomeworkMarksTable;
  conflict_entries: ConflictEntriesTable;
  partner_summaries: PartnerSummariesTable;
  instruments: InstrumentsTable;
  session_measures: SessionMeasuresTable;
  measure_responses: MeasureResponsesTable;
  session_events: SessionEventsTable;
  progress_notes: ProgressNotesTable;
  progress_note_addenda: ProgressNoteAddendaTable;
  chat_messages: ChatMessagesTable;
  breakouts: BreakoutsTable;
  stop_signals: StopSignalsTable;
  safety_protocols: SafetyProtocolsTable;
  pause_settings: PauseSettingsTable;
  pauses: PausesTable;
  scripts: ScriptsTable;
  script_runs: ScriptRunsTable;
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
}
