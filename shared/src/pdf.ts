/**
 * Exports of the session record (issue 13): the PDF, the practice's name printed on it, and the couple's history
 * (every session with its record, the map after any session, two sessions' maps compared). Therapist-only.
 */
import type { Language, SessionKind, SessionStatus } from './domain.js';
import type { RecordCard, RecordCardChange, RecordMap } from './record.js';

export const PRACTICE_NAME_MAX = 120;

/** GET/PUT /api/account/practice */
export interface PracticeDto {
  /** Empty when none is set. */
  practiceName: string;
}
export type PracticeBody = PracticeDto;

/** The query of the PDF routes: the language it is written in (the reader's). */
export interface PdfQuery {
  lang?: Language;
  /** The reader's IANA time zone (times are printed in it); UTC when absent. */
  tz?: string;
}

/** One session of the couple's history. */
export interface HistorySessionDto {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  /** Scheduled time, or when it was created when none was set. */
  at: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Cards on the map after this session, when a version was kept at its end. */
  mapCards: number | null;
  /** The progress note: none, a draft, or signed. */
  note: 'none' | 'draft' | 'signed';
}

/** GET /api/couples/:id/history */
export interface CoupleHistoryDto {
  coupleId: string;
  coupleName: string;
  partners: { slot: 'a' | 'b'; name: string }[];
  /** Oldest first. */
  sessions: HistorySessionDto[];
}

/** The map as it stood after one session (the version kept at its end). */
export interface HistoryMapDto {
  session: HistorySessionDto;
  nodes: RecordCard[];
  edges: RecordMap['edges'];
}

/** GET /api/couples/:id/history/compare?from=&to= : two sessions' maps and what changed from the first to the second. */
export interface MapCompareDto {
  coupleId: string;
  coupleName: string;
  partners: { slot: 'a' | 'b'; name: string }[];
  from: HistoryMapDto;
  to: HistoryMapDto;
  added: RecordCardChange[];
  edited: RecordCardChange[];
  removed: RecordCardChange[];
}
