/** Tables of the live hour: stop signals, the safety protocol, pauses, scripts and the session's events. Timestamps are epoch milliseconds. */
import type { Generated } from 'kysely';
import type {
  Language,
  PauseEndReason,
  PauseExercise,
  ProtocolStep,
  Role,
  ScriptRunStatus,
  SessionEventKind,
  TimerStatus,
} from '@tandem/shared';

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

export interface LiveTables {
  stop_signals: StopSignalsTable;
  safety_protocols: SafetyProtocolsTable;
  pause_settings: PauseSettingsTable;
  pauses: PausesTable;
  scripts: ScriptsTable;
  script_runs: ScriptRunsTable;
  session_events: SessionEventsTable;
}
