/** zod schemas for the partner's summary: the bodies the server reads, and the summary it sends (and a PDF reads). */
import { z } from 'zod';
import { LANGUAGES, PARTNER_SLOTS, SESSION_KINDS } from './domain.js';
import { CYCLE_NODE_KINDS, MAP_SIDES } from './map.js';
import { noteText } from './record.schemas.js';
import {
  SUMMARY_LIMITS,
  SUMMARY_VERSION,
  type PartnerSummary,
  type ReleaseSummaryBody,
  type ReleasedSummaryDto,
  type SummaryDraftBody,
} from './summary.js';

/** `couple`, or a partner's id. */
export const summaryAudienceParamSchema = z.union([z.literal('couple'), z.uuid()]);

export const summaryDraftBodySchema = z
  .object({
    include: z
      .object({ map: z.boolean(), exercises: z.boolean(), task: z.boolean(), nextSession: z.boolean() })
      .strict(),
    message: noteText(SUMMARY_LIMITS.messageChars),
    language: z.enum(LANGUAGES),
  })
  .strict() satisfies z.ZodType<SummaryDraftBody>;

export const releaseSummaryBodySchema = z
  .object({ contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') })
  .strict() satisfies z.ZodType<ReleaseSummaryBody>;

const iso = z.iso.datetime();

/** The summary as released: every field named, nothing else (`strict` at every level). */
export const partnerSummarySchema = z
  .object({
    version: z.literal(SUMMARY_VERSION),
    language: z.enum(LANGUAGES),
    audience: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('couple') }).strict(),
      z.object({ kind: z.literal('partner'), partnerId: z.uuid(), name: z.string() }).strict(),
    ]),
    coupleName: z.string(),
    therapistName: z.string(),
    session: z.object({ id: z.uuid(), title: z.string(), kind: z.enum(SESSION_KINDS), date: iso.nullable() }).strict(),
    partners: z.array(z.object({ slot: z.enum(PARTNER_SLOTS), name: z.string() }).strict()).max(2),
    map: z
      .object({
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
      })
      .strict()
      .nullable(),
    exercises: z.array(
      z
        .object({
          name: z.string(),
          roles: z.array(z.object({ roleName: z.string(), partnerName: z.string() }).strict()),
          stepsReached: z.number().int().nonnegative(),
          stepCount: z.number().int().nonnegative(),
          completed: z.boolean(),
        })
        .strict(),
    ),
    task: z.string().nullable(),
    nextSession: z
      .object({ at: iso, minutes: z.number().int().positive(), kind: z.enum(SESSION_KINDS) })
      .strict()
      .nullable(),
    message: z.string().nullable(),
  })
  .strict() satisfies z.ZodType<PartnerSummary>;

export const releasedSummarySchema = z
  .object({ id: z.uuid(), releasedAt: iso, content: partnerSummarySchema })
  .strict() satisfies z.ZodType<ReleasedSummaryDto>;
