/**
 * The treatment plan per couple and the progress shown against it (issue 14, DOMAIN.md §7). A plan is goals (a
 * partner's own or shared), each with measurable objectives: a target, a review date (the plan's interval after
 * the objective's start unless set) and what measures it: an instrument's scores (partner A's, B's or both), a
 * weekly conflict metric from the conflict log, or the task record (the share of homework ticked done). Status is
 * computed from the data (./progress.ts), never typed. Every save is a new version; old ones stay readable.
 * Reviews are kept with a note and the statuses at that moment.
 */
import type { LocalizedText } from './instruments.js';
import type { ConflictWeek, Direction, ObjectiveEvaluation, PairFlag, TaskWeek } from './progress.js';

export const PLAN_LIMITS = {
  goals: 12,
  objectivesPerGoal: 8,
  titleChars: 200,
  objectiveChars: 300,
  reviewNoteChars: 4000,
  minIntervalDays: 7,
  maxIntervalDays: 365,
  /** Targets are checked against the measure's range; this bounds any number on the wire. */
  targetAbs: 100_000,
  /** Versions listed with a plan (newest first). */
  versionsListed: 50,
  reviewsListed: 100,
} as const;

export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;

export const GOAL_OWNERS = ['shared', 'a', 'b'] as const;
export type GoalOwner = (typeof GOAL_OWNERS)[number];

export const MEASURED_WHOSE = ['a', 'b', 'both'] as const;
/** Whose answers or log entries an objective reads. */
export type MeasuredWhose = (typeof MEASURED_WHOSE)[number];

export const CONFLICT_METRICS = ['fightLength', 'repairTime', 'disconnectionDays', 'pausesUsed'] as const;
export type ConflictMetric = (typeof CONFLICT_METRICS)[number];

export type ObjectiveMeasure =
  | { kind: 'instrument'; instrumentId: string; whose: MeasuredWhose }
  | { kind: 'conflict'; metric: ConflictMetric; whose: MeasuredWhose }
  /** Percent (0-100) of expected homework ticks done per week, both partners' together. */
  | { kind: 'tasks' };

export interface PlanObjective {
  /** A UUID; kept across versions so reviews and charts follow the same objective. */
  id: string;
  text: string;
  measure: ObjectiveMeasure;
  target: number;
  direction: Direction;
  /** ISO date (YYYY-MM-DD): when the objective was set; its baseline is the data at that date. */
  startDate: string;
  /** ISO date; null: `startDate` + the plan's review interval. */
  reviewDate: string | null;
}

export interface PlanGoal {
  id: string;
  title: string;
  owner: GoalOwner;
  objectives: PlanObjective[];
}

/** What the therapist saves (PUT): the whole plan, a new version each time. */
export interface PlanContent {
  reviewIntervalDays: number;
  goals: PlanGoal[];
}

export interface ObjectiveStatusDto extends ObjectiveEvaluation {
  objectiveId: string;
  /** The resolved review date (ISO date). */
  reviewDate: string;
  /** For `whose: 'both'`: each partner's own evaluation (the objective's status is the weaker of the two). */
  byPartner: { a: ObjectiveEvaluation; b: ObjectiveEvaluation } | null;
}

export interface PlanReviewDto {
  id: string;
  planVersion: number;
  note: string;
  reviewedAt: string;
  /** The objectives' statuses when the review was written. */
  statuses: { objectiveId: string; status: ObjectiveEvaluation['status'] }[];
}

export interface PlanVersionSummaryDto {
  version: number;
  savedAt: string;
}

export interface PlanDto {
  coupleId: string;
  coupleName: string;
  partners: { slot: 'a' | 'b'; name: string }[];
  /** Null before the first save. */
  version: number | null;
  savedAt: string | null;
  content: PlanContent;
  /** Computed now (or at the end of the period asked for). */
  statuses: ObjectiveStatusDto[];
  versions: PlanVersionSummaryDto[];
  reviews: PlanReviewDto[];
}

export interface PlanVersionDto {
  version: number;
  savedAt: string;
  content: PlanContent;
}

export interface AddReviewBody {
  note: string;
}

/** A point of one partner's series. `key` pairs it with the other partner's (a session id, or the ISO week). */
export interface ProgressPointDto {
  at: number;
  value: number;
  key: string;
}

export interface InstrumentProgressDto {
  instrumentId: string;
  name: LocalizedText;
  range: { min: number; max: number };
  cutoff: { value: number; clinical: 'below' | 'above' } | null;
  /** The flags' threshold, and whether it is the instrument's reliable-change value (else Tandem's share). */
  threshold: number;
  thresholdIsReliableChange: boolean;
  direction: Direction;
  series: { a: ProgressPointDto[]; b: ProgressPointDto[] };
  flags: {
    worseA: ProgressPointDto[];
    worseB: ProgressPointDto[];
    /** Divergence on this measure; for the check-out, this is the split alliance. */
    gaps: PairFlag[];
  };
  splitAlliance: boolean;
  /** The plan's objectives on this instrument, drawn as target lines. */
  targets: { objectiveId: string; text: string; target: number; whose: MeasuredWhose }[];
}

export interface ConflictWeekDto extends ConflictWeek {
  weekStartIso: string;
}

export interface ProgressDto {
  coupleId: string;
  coupleName: string;
  partners: { slot: 'a' | 'b'; name: string }[];
  /** ISO dates of the period shown. */
  from: string;
  to: string;
  instruments: InstrumentProgressDto[];
  /** Both partners' conflict logs together, week by week. */
  conflict: ConflictWeekDto[];
  /** Each partner's own log, week by week (what an objective on one partner's log is measured and drawn on). */
  conflictBy: { a: ConflictWeekDto[]; b: ConflictWeekDto[] };
  tasks: TaskWeek[];
  plan: PlanDto;
}

export interface ProgressQuery {
  from?: string;
  to?: string;
  lang?: 'en' | 'es';
  tz?: string;
}

/** The default period: this many days up to today. */
export const DEFAULT_PROGRESS_DAYS = 180;
export const MAX_PROGRESS_DAYS = 3 * 366;
