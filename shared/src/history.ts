/**
 * The couple's history (issue 13): every session with its record, the map as it was after each one (the copy kept
 * when the session ended), and two sessions' maps compared (cards added, edited, removed). Therapist-only.
 */
import type { PartnerSlot, SessionKind, SessionStatus } from './domain.js';
import type { RecordCard, RecordCardChange, RecordMap } from './record.js';

/** One session in the couple's history, newest first. */
export interface HistorySessionDto {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  /** An individual session's partner; null for a joint one. */
  partnerName: string | null;
  /** When it took place (started), else when it was scheduled, else created. */
  at: string;
  startedAt: string | null;
  endedAt: string | null;
  /** The map kept when the session ended: which board it is (the couple's map or a partner's own board). */
  map: { docName: string; keptAt: string } | null;
}

/** GET /api/couples/:id/history */
export interface CoupleHistoryDto {
  coupleId: string;
  coupleName: string;
  partners: { slot: PartnerSlot; name: string }[];
  sessions: HistorySessionDto[];
}

/** The map as it was after one session. */
export interface HistoryMapDto {
  sessionId: string;
  title: string;
  at: string;
  keptAt: string;
  nodes: RecordCard[];
  edges: RecordMap['edges'];
}

/** GET /api/couples/:id/history/compare?from=&to= : what changed from one session's map to another's. */
export interface MapCompareDto {
  from: HistoryMapDto;
  to: HistoryMapDto;
  added: RecordCardChange[];
  edited: RecordCardChange[];
  removed: RecordCardChange[];
}

export interface MapCompareQuery {
  from: string;
  to: string;
  lang?: 'en' | 'es';
  tz?: string;
}
