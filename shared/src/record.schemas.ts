/** zod schemas for the session record and the progress note: the bodies the server reads, and the record it sends. */
import { z } from 'zod';
import { CYCLE_NODE_KINDS, MAP_SIDES } from './map.js';
import { LANGUAGES, PARTNER_SLOTS, SESSION_KINDS, SESSION_STATUSES } from './domain.js';
import { PAUSE_END_REASONS } from './timers.js';
import { SESSION_OCCASIONS } from './instruments.js';
import { instrumentDefinitionSchema, measureAnswersSchema } from './instruments.schemas.js';
import { OCCASION_STATUSES } from './measures.js';
import {
  ALL_NOTE_SECTIONS,
  NOTE_COUPLE_FIELDS,
  NOTE_FORMATS,
  NOTE_LIMITS,
  NOTE_SECTIONS,
  RISK_LEVELS,
  type AddendumBody,
  type ProgressNoteBody,
  type SessionRecordDto,
} from './record.js';

/**
 * Free text of a note: NFC, NUL and the text-direction overrides refused (they would let a later reader see other
 * words than the ones signed); newlines and tabs are kept.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NOTES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;
export function noteText(max: number) {
  return z
    .string()
    .max(max * 4)
    .normalize('NFC')
    .max(max)
    .refine((v) => !UNSAFE_IN_NOTES.test(v), 'must not contain control characters or text-direction overrides');
}

const field = noteText(NOTE_LIMITS.fieldChars);
const partnerField = noteText(NOTE_LIMITS.partnerFieldChars);

export const progressNoteBodySchema = z
  .object({
    format: z.enum(NOTE_FORMATS),
    content: z
      .object({
        fields: z.partialRecord(z.enum(NOTE_COUPLE_FIELDS), field),
        sections: z.partialRecord(z.enum(ALL_NOTE_SECTIONS), field),
        partners: z
          .array(
            z
              .object({
                partnerId: z.uuid(),
                presentation: partnerField,
                riskLevel: z.enum(RISK_LEVELS).nullable(),
                riskNote: partnerField,
              })
              .strict(),
          )
          .max(NOTE_LIMITS.partners)
          .refine((p) => new Set(p.map((x) => x.partnerId)).size === p.length, 'each partner once'),
      })
      .strict(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const allowed: readonly string[] = NOTE_SECTIONS[body.format];
    for (const key of Object.keys(body.content.sections)) {
      if (!allowed.includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['content', 'sections', key], message: `not a ${body.format} section` });
      }
    }
  }) satisfies z.ZodType<ProgressNoteBody>;

export const addendumBodySchema = z
  .object({ text: noteText(NOTE_LIMITS.addendumChars).refine((t) => t.trim().length > 0, 'must not be empty') })
  .strict() satisfies z.ZodType<AddendumBody>;

const iso = z.iso.datetime();
const ms = z.number().int().nonnegative();
const interval = z.object({ from: iso, to: iso }).strict();
const cardChange = z
  .object({
    id: z.string(),
    kind: z.enum(CYCLE_NODE_KINDS),
    side: z.enum(MAP_SIDES),
    label: z.string(),
    before: z.string().optional(),
  })
  .strict();
const sessionLink = z
  .object({ id: z.uuid(), title: z.string(), status: z.enum(SESSION_STATUSES), at: iso })
  .strict()
  .nullable();
const role = z.enum(['therapist', 'partner']);

const sessionOccasion = z.enum(SESSION_OCCASIONS);
const measuresViewSchema = z
  .object({
    occasions: z.array(
      z
        .object({
          occasion: sessionOccasion,
          status: z.enum(OCCASION_STATUSES),
          instrumentId: z.string(),
          instrumentVersion: z.number().int().positive(),
          openedAt: z.number().nullable(),
          closedAt: z.number().nullable(),
          openedBy: z.enum(['therapist', 'auto']).nullable(),
        })
        .strict(),
    ),
    instruments: z.array(instrumentDefinitionSchema),
    responses: z.array(
      z
        .object({
          id: z.uuid(),
          sessionId: z.uuid().nullable(),
          occasion: sessionOccasion,
          instrumentId: z.string(),
          instrumentVersion: z.number().int().positive(),
          partnerId: z.uuid(),
          answers: measureAnswersSchema,
          score: z.number().nullable(),
          answeredAt: iso,
          updatedAt: iso,
        })
        .strict(),
    ),
  })
  .strict();

/** The record as the API sends it (the server checks its own answer against it in tests; the client may too). */
export const sessionRecordSchema = z
  .object({
    session: z
      .object({
        id: z.uuid(),
        coupleId: z.uuid(),
        coupleName: z.string(),
        title: z.string(),
        kind: z.enum(SESSION_KINDS),
        status: z.enum(SESSION_STATUSES),
        scheduledAt: iso.nullable(),
        scheduledMinutes: z.number().int().positive(),
        startedAt: iso.nullable(),
        endedAt: iso.nullable(),
        durationMs: ms.nullable(),
      })
      .strict(),
    people: z.array(
      z
        .object({
          id: z.string(),
          role,
          name: z.string(),
          slot: z.enum(PARTNER_SLOTS).nullable(),
          attended: z.boolean(),
          firstIn: iso.nullable(),
          lastOut: iso.nullable(),
          inRoomMs: ms,
          devices: z.array(
            z
              .object({
                deviceId: z.string().nullable(),
                intervals: z.array(interval),
                inRoomMs: ms,
                drops: z.number().int().nonnegative(),
                rejoins: z.number().int().nonnegative(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    breakouts: z.array(
      z.object({ partnerId: z.uuid(), partnerName: z.string(), startedAt: iso, endedAt: iso, durationMs: ms }).strict(),
    ),
    pauses: z.array(
      z
        .object({
          startedAt: iso,
          endedAt: iso,
          durationMs: ms,
          plannedMs: ms,
          calledBy: z.object({ id: z.string(), role, name: z.string() }).strict().nullable(),
          endReason: z.enum(PAUSE_END_REASONS),
          everyoneBack: z.boolean().nullable(),
        })
        .strict(),
    ),
    quickExits: z.array(z.object({ partnerId: z.uuid(), partnerName: z.string(), at: iso }).strict()),
    stopSignals: z.array(
      z.object({ partnerId: z.uuid(), partnerName: z.string(), at: iso, dismissedAt: iso.nullable() }).strict(),
    ),
    scripts: z.array(
      z
        .object({
          scriptId: z.string(),
          name: z.string(),
          language: z.enum(LANGUAGES),
          roles: z.array(
            z
              .object({ roleId: z.string(), roleName: z.string(), partnerId: z.string(), partnerName: z.string() })
              .strict(),
          ),
          stepCount: z.number().int().nonnegative(),
          stepsReached: z.number().int().nonnegative(),
          lastStepTitle: z.string().nullable(),
          completed: z.boolean(),
          startedAt: iso,
          endedAt: iso.nullable(),
        })
        .strict(),
    ),
    map: z
      .object({
        docName: z.string(),
        nodes: z.array(
          z
            .object({
              id: z.string(),
              kind: z.enum(CYCLE_NODE_KINDS),
              side: z.enum(MAP_SIDES),
              label: z.string(),
              x: z.number(),
              y: z.number(),
            })
            .strict(),
        ),
        edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() }).strict()),
        baseline: z.enum(['previous-session', 'empty']),
        added: z.array(cardChange),
        edited: z.array(cardChange),
        removed: z.array(cardChange),
      })
      .strict()
      .nullable(),
    measures: measuresViewSchema,
    previous: sessionLink,
    next: sessionLink,
    builtAt: iso,
  })
  .strict() satisfies z.ZodType<SessionRecordDto>;
