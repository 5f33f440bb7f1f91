/**
 * Between the sessions (issue 14): the task agreed at a session (homework) with each partner's tick and private
 * reflection, the weekly relationship ratings answered outside a session, and each partner's conflict log. A
 * partner reaches them through a personal, revocable link for the couple's case, exchanged on a device for a
 * cookie. Every piece is one partner's (audience `partner:<id>`: that partner and the therapist), except a task
 * set for both, whose text both see (each one's tick and reflection stays theirs).
 */
import type { Language, PartnerSlot, SessionKind } from './domain.js';
import type { InstrumentDefinition } from './instruments.js';
import type { MeasureResponseDto } from './measures.js';
import { weekStart } from './progress.js';
import type { ReleasedSummaryItemDto } from './summary.js';

export const HOMEWORK_REPEATS = ['none', 'daily', 'weekly'] as const;
/** `none`: once (with an optional due date); `daily` / `weekly`: a tick per day / per week (weeks start Monday). */
export type HomeworkRepeat = (typeof HOMEWORK_REPEATS)[number];

export const BETWEEN_LIMITS = {
  taskChars: 500,
  reflectionChars: 2000,
  helpedChars: 1000,
  /** A conflict's length and the time until repair, in minutes: at most two weeks. */
  maxMinutes: 20_160,
  /** Open tasks a partner's page lists (newest first). */
  openTasks: 20,
  /** Conflict log entries a list shows (newest first). */
  conflictList: 200,
  /** Tasks, marks and ratings the therapist's overview lists. */
  overviewRows: 200,
  /** How far back (days) and ahead (days) a conflict may be dated. */
  conflictPastDays: 400,
  conflictFutureDays: 1,
} as const;

/** A device's cookie for a case link lasts this long after its last use (sliding). */
export const CASE_GRANT_TTL_DAYS = 90;

/** A partner's personal link, as the therapist sees it (never the token: it is shown once, when issued). */
export interface CaseLinkDto {
  partnerId: string;
  state: 'none' | 'active' | 'revoked';
  /** When the live (or last) link was issued (ISO). */
  issuedAt: string | null;
  revokedAt: string | null;
  /** Devices that opened it and still hold a standing cookie. */
  devices: number;
}

export interface IssuedCaseLinkDto {
  partnerId: string;
  url: string;
  issuedAt: string;
}

export interface HomeworkBody {
  /** One partner, or null for both. */
  partnerId: string | null;
  text: string;
  /** ISO date-time; only for a one-off task. */
  dueAt: string | null;
  repeat: HomeworkRepeat;
}

/** A partner's tick and reflection for one period of a task. */
export interface HomeworkMarkDto {
  partnerId: string;
  /** '' for a one-off task, else the ISO date the day or week starts. */
  period: string;
  done: boolean;
  reflection: string | null;
  updatedAt: string;
}

export interface HomeworkDto {
  id: string;
  sessionId: string | null;
  partnerId: string | null;
  text: string;
  dueAt: string | null;
  repeat: HomeworkRepeat;
  createdAt: string;
  closedAt: string | null;
  /** The period a tick given now counts for. */
  currentPeriod: string;
  /** A partner sees only their own marks; the therapist sees each partner's. Newest period first. */
  marks: HomeworkMarkDto[];
}

export interface HomeworkMarkBody {
  done: boolean;
  reflection: string | null;
}

export interface ConflictEntryBody {
  /** ISO date-time: when it happened (the one required field). */
  occurredAt: string;
  durationMin: number | null;
  repairMin: number | null;
  pauseUsed: boolean | null;
  helped: string | null;
}

export interface ConflictEntryDto extends ConflictEntryBody {
  id: string;
  partnerId: string;
  createdAt: string;
  updatedAt: string;
}

export interface WeeklyAnswerBody {
  instrumentId: string;
  instrumentVersion: number;
  answers: Record<string, number>;
}

export interface WeeklyStateDto {
  /** The ISO date (a Monday) the current week starts. */
  weekStart: string;
  instrument: InstrumentDefinition;
  /** This week's answer, editable until the week ends. */
  current: MeasureResponseDto | null;
}

export interface NextSessionDto {
  at: string;
  minutes: number;
  kind: SessionKind;
}

/** The partner's own page. */
export interface BetweenMeDto {
  partner: { id: string; displayName: string; language: Language };
  coupleName: string;
  therapistName: string;
  tasks: HomeworkDto[];
  weekly: WeeklyStateDto;
  conflicts: ConflictEntryDto[];
  summaries: ReleasedSummaryItemDto[];
  nextSession: NextSessionDto | null;
}

/** The therapist's view of the couple's time between sessions: both partners. */
export interface BetweenOverviewDto {
  partners: { id: string; slot: PartnerSlot; displayName: string }[];
  links: CaseLinkDto[];
  tasks: HomeworkDto[];
  weekly: MeasureResponseDto[];
  conflicts: ConflictEntryDto[];
}

/** The tasks agreed at a session, and the last task before it with each partner's marks (reviewed at check-in). */
export interface SessionHomeworkDto {
  sessionId: string;
  agreed: HomeworkDto[];
  previous: HomeworkDto[];
  /** The progress note's task field, to prefill the form (null when there is none). */
  suggestedText: string | null;
}

export interface CaseRedeemResultDto {
  partnerId: string;
}

/** The ISO date (YYYY-MM-DD, UTC) a day starts. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The ISO date of the Monday (UTC) starting the week of `ms`. */
export function weekOf(ms: number): string {
  return dayOf(weekStart(ms));
}

/** The period a tick given at `ms` counts for. */
export function periodOf(repeat: HomeworkRepeat, ms: number): string {
  switch (repeat) {
    case 'none':
      return '';
    case 'daily':
      return dayOf(ms);
    case 'weekly':
      return weekOf(ms);
  }
}
