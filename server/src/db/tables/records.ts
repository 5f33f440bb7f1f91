/** Tables of the record: progress notes, partner summaries, instruments and measures. Timestamps are epoch milliseconds. */
import type { MeasureOccasion, NoteFormat, SessionOccasion } from '@tandem/shared';

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
  /** The week's start (epoch ms) for an answer given between sessions; null for a session's. Unique per partner. */
  period: number | null;
}

export interface RecordTables {
  progress_notes: ProgressNotesTable;
  progress_note_addenda: ProgressNoteAddendaTable;
  partner_summaries: PartnerSummariesTable;
  instruments: InstrumentsTable;
  session_measures: SessionMeasuresTable;
  measure_responses: MeasureResponsesTable;
}
