/**
 * Ending well (issue 14): a partner's own charts on their between-session page, the couple's case status (active,
 * ending, follow-up), the maintenance plan written together at the end, the booster check-ins of follow-up (the
 * weekly ratings monthly for three months, then quarterly) and the flag that offers a booster session when a
 * partner's ratings reliably drop. The cadence and the flag are pure functions over plain numbers (tested on
 * made-up series); nothing here reads a clock or a database.
 */
import type { LocalizedText } from './instruments.js';
import type { ConflictWeekDto } from './plan.js';
import type { RecordCard } from './record.js';
import { reliableWorsening, type Direction, type SeriesPoint } from './progress.js';

// ---- a partner's own charts ----

/** One measure over time, as one partner answered it: their line only. */
export interface OwnInstrumentChartDto {
  instrumentId: string;
  name: LocalizedText;
  range: { min: number; max: number };
  cutoff: { value: number; clinical: 'below' | 'above' } | null;
  direction: Direction;
  points: SeriesPoint[];
  /** Their points reliably worse than their first one (the same rule as the therapist's flags). */
  worse: SeriesPoint[];
}

/** `GET /api/me/charts`: the partner's own series, nothing of the other partner's. */
export interface OwnChartsDto {
  /** ISO dates of the period shown. */
  from: string;
  to: string;
  instruments: OwnInstrumentChartDto[];
  /** Their own conflict log, one row per week. */
  conflict: ConflictWeekDto[];
}

/** The period a partner's own charts show (days up to today). */
export const OWN_CHART_DAYS = 180;

// ---- the case's status ----

export const CASE_STATUSES = ['active', 'ending', 'follow-up'] as const;
/** `active`: in therapy; `ending`: the maintenance plan is written; `follow-up`: booster check-ins only. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseStatusBody {
  status: CaseStatus;
}

// ---- the maintenance plan ----

export const MAINTENANCE_LIMITS = {
  fieldChars: 2000,
  versionsListed: 50,
} as const;

export interface MaintenancePartnerPart {
  /** The early warning signs they watch for in themselves. */
  warningSigns: string;
  /** What they commit to. */
  commitments: string;
}

/** What the therapist saves (every save is a new version). */
export interface MaintenanceContent {
  a: MaintenancePartnerPart;
  b: MaintenancePartnerPart;
  /** The couple's pause ritual. */
  pauseRitual: string;
  /** When to come back (the signs that say "book a session"). */
  comeBack: string;
  /** Keep a picture of the couple's cycle map as it stands at this save. */
  includeMap: boolean;
}

/** A card and an arrow of the map's picture kept with a version. */
export interface MaintenanceMapDto {
  nodes: RecordCard[];
  edges: { id: string; source: string; target: string }[];
  /** When the picture was taken (ISO). */
  takenAt: string;
}

export interface MaintenancePlanDto {
  version: number;
  savedAt: string;
  content: MaintenanceContent;
  /** The final cycle map, as it stood when this version was saved; null when left out. */
  map: MaintenanceMapDto | null;
}

/** The therapist's view of the case's ending: status, the plan (and its versions), the booster flags. */
export interface FollowUpDto {
  coupleId: string;
  partners: { id: string; slot: 'a' | 'b'; displayName: string }[];
  status: CaseStatus;
  /** When the case entered its current status (ISO); null for a case never moved. */
  statusSince: string | null;
  plan: MaintenancePlanDto | null;
  versions: { version: number; savedAt: string }[];
  /** In follow-up: the booster check-in dates (ISO, the first FOLLOW_UP_LISTED) and the next one from now. */
  cadence: { dates: string[]; next: string } | null;
  /** In follow-up: each partner whose weekly ratings reliably dropped ("offer a booster session"). */
  boosters: BoosterFlagDto[];
}

/** `GET /api/me/follow-up`: the case's status, the maintenance plan (read-only but for their own part), the ask. */
export interface PartnerFollowUpDto {
  status: CaseStatus;
  slot: 'a' | 'b';
  /** Both partners' names (the plan and its map name them). */
  partners: { slot: 'a' | 'b'; displayName: string }[];
  plan: MaintenancePlanDto | null;
  /** In follow-up only: whether the weekly ratings are asked now. */
  check: FollowUpCheckDto | null;
}

/** A partner's booster check-in state on their page (in follow-up only). */
export interface FollowUpCheckDto {
  /** Whether the ratings are asked now. */
  due: boolean;
  /** The check-in date the current ask is for (ISO), or null before the first. */
  dueSince: string | null;
  /** The next check-in date (ISO). */
  next: string;
}

export interface BoosterFlagDto {
  slot: 'a' | 'b';
  partnerId: string;
  /** Their rating when follow-up began (or their first after it). */
  baseline: SeriesPoint;
  /** Their latest rating in follow-up, reliably lower. */
  latest: SeriesPoint;
  threshold: number;
}

// ---- the booster cadence ----

/** Monthly check-ins for this many months after follow-up begins, then every QUARTER_MONTHS months. */
export const FOLLOW_UP_MONTHLY = 3;
export const FOLLOW_UP_QUARTER_MONTHS = 3;
/** The check-in dates listed to the therapist. */
export const FOLLOW_UP_LISTED = 8;

/** `ms` moved by `months` calendar months (UTC), its day clamped to the month's last (31 Jan + 1 = 28/29 Feb). */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(
    y,
    m,
    Math.min(d.getUTCDate(), last),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** The months after follow-up begins at which the nth check-in (0-based) is due: 1, 2, 3, then 6, 9, 12, … */
function monthOf(n: number): number {
  return n < FOLLOW_UP_MONTHLY ? n + 1 : FOLLOW_UP_MONTHLY + (n - FOLLOW_UP_MONTHLY + 1) * FOLLOW_UP_QUARTER_MONTHS;
}

/** The first `count` check-in dates of a follow-up that began at `start`. */
export function followUpDueDates(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => addMonthsUtc(start, monthOf(i)));
}

/**
 * Whether the ratings are asked now: the latest check-in date at or before `now` has passed and nothing was
 * answered since it. Before the first date, nothing is asked.
 */
export function followUpCheck(
  start: number,
  now: number,
  answeredAt: readonly number[],
): { due: boolean; dueSince: number | null; next: number } {
  let dueSince: number | null = null;
  let i = 0;
  let at = addMonthsUtc(start, monthOf(0));
  while (at <= now) {
    dueSince = at;
    i += 1;
    at = addMonthsUtc(start, monthOf(i));
  }
  const since = dueSince;
  const due = since !== null && !answeredAt.some((a) => a >= since);
  return { due, dueSince, next: at };
}

// ---- the booster flag ----

/**
 * A reliable drop in follow-up: the partner's latest rating after `start` is worse than their baseline (the last
 * rating at or before `start`, else their first after it) by at least `threshold` (the reliable-change rule of
 * ./progress.ts). Null when there is no drop, or too few points.
 */
export function boosterDrop(
  points: readonly SeriesPoint[],
  start: number,
  threshold: number,
  direction: Direction,
): { baseline: SeriesPoint; latest: SeriesPoint } | null {
  const pts = [...points].sort((a, b) => a.at - b.at);
  const before = pts.filter((p) => p.at <= start);
  const after = pts.filter((p) => p.at > start);
  const baseline = before.at(-1) ?? after[0];
  const latest = after.at(-1);
  if (!baseline || !latest || latest === baseline) return null;
  return reliableWorsening([baseline, latest], threshold, direction).length > 0 ? { baseline, latest } : null;
}
