/** zod schemas for the treatment plan (a whole plan saved as a new version, a review) and the progress queries. */
import { z } from 'zod';
import { LANGUAGES } from './domain.js';
import { INSTRUMENT_ID_PATTERN } from './instruments.js';
import { safeText } from './names.schemas.js';
import { timeZoneSchema } from './pdf.schemas.js';
import {
  CONFLICT_METRICS,
  GOAL_OWNERS,
  MAX_PROGRESS_DAYS,
  MEASURED_WHOSE,
  PLAN_LIMITS,
  type AddReviewBody,
  type PlanContent,
  type ProgressQuery,
} from './plan.js';
import { DAY_MS, DIRECTIONS } from './progress.js';

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  }, 'must be a real date');

const measureSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('instrument'),
      instrumentId: z.string().max(64).regex(INSTRUMENT_ID_PATTERN),
      whose: z.enum(MEASURED_WHOSE),
    })
    .strict(),
  z.object({ kind: z.literal('conflict'), metric: z.enum(CONFLICT_METRICS), whose: z.enum(MEASURED_WHOSE) }).strict(),
  z.object({ kind: z.literal('tasks') }).strict(),
]);

const objectiveSchema = z
  .object({
    id: z.uuid(),
    text: safeText({ min: 1, max: PLAN_LIMITS.objectiveChars }),
    measure: measureSchema,
    target: z.number().finite().min(-PLAN_LIMITS.targetAbs).max(PLAN_LIMITS.targetAbs),
    direction: z.enum(DIRECTIONS),
    startDate: isoDateSchema,
    reviewDate: isoDateSchema.nullable(),
  })
  .strict()
  .refine((o) => o.reviewDate === null || o.reviewDate > o.startDate, {
    message: 'must be after the start date',
    path: ['reviewDate'],
  })
  .refine((o) => o.measure.kind !== 'tasks' || (o.target >= 0 && o.target <= 100), {
    message: 'must be a percentage (0-100)',
    path: ['target'],
  });

const goalSchema = z
  .object({
    id: z.uuid(),
    title: safeText({ min: 1, max: PLAN_LIMITS.titleChars }),
    owner: z.enum(GOAL_OWNERS),
    objectives: z.array(objectiveSchema).max(PLAN_LIMITS.objectivesPerGoal),
  })
  .strict();

export const planContentSchema = z
  .object({
    reviewIntervalDays: z.number().int().min(PLAN_LIMITS.minIntervalDays).max(PLAN_LIMITS.maxIntervalDays),
    goals: z.array(goalSchema).max(PLAN_LIMITS.goals),
  })
  .strict()
  .refine(
    (p) => {
      const ids = p.goals.flatMap((g) => [g.id, ...g.objectives.map((o) => o.id)]);
      return new Set(ids).size === ids.length;
    },
    { message: 'goal and objective ids must be unique', path: ['goals'] },
  ) satisfies z.ZodType<PlanContent>;

export const addReviewBodySchema = z
  .object({
    note: z
      .string()
      .max(PLAN_LIMITS.reviewNoteChars * 4)
      .normalize('NFC')
      .trim()
      .min(1)
      .max(PLAN_LIMITS.reviewNoteChars),
  })
  .strict() satisfies z.ZodType<AddReviewBody>;

export const planVersionParamSchema = z.coerce.number().int().min(1).max(1_000_000);

/** The period of the progress page and its PDF: both optional, `from` before `to`, at most MAX_PROGRESS_DAYS. */
export const progressQuerySchema = z
  .object({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    lang: z.enum(LANGUAGES).optional(),
    tz: timeZoneSchema.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after "to"', path: ['from'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_PROGRESS_DAYS * DAY_MS, {
    message: `the period is at most ${MAX_PROGRESS_DAYS} days`,
    path: ['from'],
  }) satisfies z.ZodType<ProgressQuery>;
