/**
 * The check-in and check-out inside a live session (issue 14). The check-in opens when the session starts, the
 * check-out `CHECK_OUT_LEAD_MS` before its planned end; the therapist can open or close either at any time. Each
 * partner answers on their own screen: their answers go to audience `partner:<id>` (their devices and the
 * therapist), never to the room. The room only learns whether an occasion is open.
 */
import type { Ack, EmptyPayload } from './protocol.js';
import type { InstrumentDefinition, MeasureAnswers, SessionOccasion } from './instruments.js';

export const OCCASION_STATUSES = ['pending', 'open', 'closed'] as const;
/** `pending`: not opened yet in this session. */
export type OccasionStatus = (typeof OCCASION_STATUSES)[number];

export interface SessionOccasionView {
  occasion: SessionOccasion;
  status: OccasionStatus;
  instrumentId: string;
  instrumentVersion: number;
  /** Server time (epoch ms). */
  openedAt: number | null;
  closedAt: number | null;
  /**
   * Who opened it: `therapist` (from the room: the card comes up on each partner's screen) or `auto` (the session's
   * clock: a quiet prompt in the partner's panel, never a card over the room they did not ask for).
   */
  openedBy: 'therapist' | 'auto' | null;
}

/** Sent to the room: whether each occasion is open. No answers, and nothing about who has answered. */
export interface MeasuresRoomState {
  occasions: SessionOccasionView[];
}

export interface MeasureResponseDto {
  id: string;
  sessionId: string | null;
  occasion: SessionOccasion;
  instrumentId: string;
  instrumentVersion: number;
  partnerId: string;
  answers: MeasureAnswers;
  /** Computed by the server from the answers and the instrument version; null when too many are missing. */
  score: number | null;
  answeredAt: string;
  updatedAt: string;
}

/** What a person gets: the occasions, their instruments, and the answers they may see (a partner: their own). */
export interface MeasuresView extends MeasuresRoomState {
  instruments: InstrumentDefinition[];
  responses: MeasureResponseDto[];
}

export interface MeasureAnswerPayload {
  occasion: SessionOccasion;
  /** The instrument and version the partner saw: answering another one is refused (CONFLICT). */
  instrumentId: string;
  instrumentVersion: number;
  answers: MeasureAnswers;
}

export interface MeasureOccasionPayload {
  occasion: SessionOccasion;
}

/**
 * Opening an occasion: with `instrumentId`, a practice-imported instrument made for that occasion (its latest
 * version) instead of Tandem's built-in one. Refused once someone answered this occasion with another instrument.
 */
export interface MeasureOpenPayload extends MeasureOccasionPayload {
  instrumentId?: string;
}

export interface MeasuresClientEvents {
  /** The current state for this person (after connecting or reconnecting). */
  'measures:state': (payload: EmptyPayload, ack: Ack<MeasuresView>) => void;
  /** Partner: answer (or change the answer) while the occasion is open. */
  'measures:answer': (payload: MeasureAnswerPayload, ack: Ack<MeasureResponseDto>) => void;
  /** Therapist: open an occasion now (again, if it was closed). */
  'measures:open': (payload: MeasureOpenPayload, ack: Ack<MeasuresRoomState>) => void;
  /** Therapist: close it; the answers given stay. */
  'measures:close': (payload: MeasureOccasionPayload, ack: Ack<MeasuresRoomState>) => void;
}

export interface MeasuresServerEvents {
  /** To the room: which occasions are open. */
  'measures:update': (state: MeasuresRoomState) => void;
  /** To audience `partner:<id>` only: that partner's answer, as stored. */
  'measures:response': (response: MeasureResponseDto) => void;
}

/** Instruments a practice imported (REST `GET /api/instruments`), with the built-ins. */
export interface InstrumentSummaryDto {
  id: string;
  version: number;
  builtin: boolean;
  name: InstrumentDefinition['name'];
  respondent: InstrumentDefinition['respondent'];
  occasions: InstrumentDefinition['occasions'];
  /** When it was imported (ISO); null for built-ins. */
  importedAt: string | null;
}

export interface ImportedInstrumentDto {
  definition: InstrumentDefinition;
  importedAt: string;
  /** False when the same id and version was already there with the same content (nothing changed). */
  created: boolean;
}
