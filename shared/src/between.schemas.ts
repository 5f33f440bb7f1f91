/** zod schemas for the between-session space (issue 14): every body a partner or the therapist sends. */
import { z } from 'zod';
import { INVITE_TOKEN_PATTERN } from './domain.js';
import { INSTRUMENT_ID_PATTERN, INSTRUMENT_LIMITS } from './instruments.js';
import { noteText } from './record.schemas.js';
import {
  BETWEEN_LIMITS,
  HOMEWORK_REPEATS,
  type ConflictEntryBody,
  type HomeworkBody,
  type HomeworkMarkBody,
  type WeeklyAnswerBody,
} from './between.js';

const iso = z.iso.datetime({ offset: true });
/** Optional text: an empty or blank one is none. */
const optionalText = (max: number) =>
  noteText(max)
    .nullable()
    .transform((v) => (v === null || v.trim() === '' ? null : v));
const minutes = z.number().int().min(0).max(BETWEEN_LIMITS.maxMinutes).nullable();

export const caseRedeemBodySchema = z.object({ token: z.string().regex(INVITE_TOKEN_PATTERN) }).strict();

export const homeworkBodySchema = z
  .object({
    partnerId: z.uuid().nullable(),
    text: noteText(BETWEEN_LIMITS.taskChars).refine((v) => v.trim() !== '', 'write the task'),
    dueAt: iso.nullable(),
    repeat: z.enum(HOMEWORK_REPEATS),
  })
  .strict()
  .refine((b) => b.repeat === 'none' || b.dueAt === null, {
    message: 'a repeating task has no due date',
    path: ['dueAt'],
  }) satisfies z.ZodType<HomeworkBody>;

export const homeworkMarkBodySchema = z
  .object({ done: z.boolean(), reflection: optionalText(BETWEEN_LIMITS.reflectionChars) })
  .strict() satisfies z.ZodType<HomeworkMarkBody, unknown>;

export const conflictEntryBodySchema = z
  .object({
    occurredAt: iso,
    durationMin: minutes,
    repairMin: minutes,
    pauseUsed: z.boolean().nullable(),
    helped: optionalText(BETWEEN_LIMITS.helpedChars),
  })
  .strict() satisfies z.ZodType<ConflictEntryBody, unknown>;

export const weeklyAnswerBodySchema = z
  .object({
    instrumentId: z.string().regex(INSTRUMENT_ID_PATTERN),
    instrumentVersion: z.number().int().min(1).max(INSTRUMENT_LIMITS.maxVersion),
    answers: z.record(
      z.string().max(INSTRUMENT_LIMITS.idChars),
      z.number().int().min(-INSTRUMENT_LIMITS.scaleValueAbs).max(INSTRUMENT_LIMITS.scaleValueAbs),
    ),
  })
  .strict()
  .refine((b) => Object.keys(b.answers).length <= INSTRUMENT_LIMITS.items, 'too many answers') satisfies z.ZodType<
  WeeklyAnswerBody,
  unknown
>;
