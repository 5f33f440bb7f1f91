/** zod schemas for instrument definitions (imported as JSON) and the in-session measure events. Server-side only. */
import { z } from 'zod';
import { LANGUAGES } from './domain.js';
import {
  BUILTIN_INSTRUMENT_PREFIX,
  INSTRUMENT_ID_PATTERN,
  INSTRUMENT_LIMITS as L,
  INSTRUMENT_RESPONDENTS,
  MEASURE_OCCASIONS,
  SCORING_METHODS,
  SESSION_OCCASIONS,
  definitionProblems,
  type InstrumentDefinition,
} from './instruments.js';
import type { ClientEventPayload } from './protocol.js';
import { safeText } from './names.schemas.js';

/** Every language, each non-empty (a definition in English only is refused). */
const localized = (max: number) =>
  z
    .object(
      Object.fromEntries(LANGUAGES.map((l) => [l, safeText({ min: 1, max })])) as Record<
        (typeof LANGUAGES)[number],
        ReturnType<typeof safeText>
      >,
    )
    .strict();

const scaleValue = z.number().int().min(-L.scaleValueAbs).max(L.scaleValueAbs);
const key = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (1-40)');

export const instrumentIdSchema = z.string().regex(INSTRUMENT_ID_PATTERN, 'lowercase letters, digits, . and -');

const scaleSchema = z
  .object({
    min: scaleValue,
    max: scaleValue,
    anchors: z
      .array(z.object({ value: scaleValue, label: localized(L.anchorChars) }).strict())
      .min(2)
      .max(L.anchors),
  })
  .strict();

const itemSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: key,
      kind: z.literal('scale'),
      text: localized(L.itemTextChars),
      scale: key,
      reversed: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      id: key,
      kind: z.literal('text'),
      text: localized(L.itemTextChars),
      maxLength: z.number().int().min(1).max(L.textAnswerChars),
    })
    .strict(),
]);

/** A definition's shape, then its sense (`definitionProblems`): ranges, scales, scoring, both languages. */
export const instrumentDefinitionSchema = z
  .object({
    id: instrumentIdSchema,
    version: z.number().int().min(1).max(L.maxVersion),
    name: localized(L.nameChars),
    instructions: localized(L.instructionsChars),
    respondent: z.enum(INSTRUMENT_RESPONDENTS),
    occasions: z
      .array(z.enum(MEASURE_OCCASIONS))
      .min(1)
      .max(MEASURE_OCCASIONS.length)
      .refine((o) => new Set(o).size === o.length, 'occasions must differ'),
    scales: z
      .record(key, scaleSchema)
      .refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= L.scales, `1-${L.scales} scales`),
    items: z.array(itemSchema).min(1).max(L.items),
    scoring: z.object({ method: z.enum(SCORING_METHODS), maxMissing: z.number().int().min(0).max(L.items) }).strict(),
    range: z.object({ min: z.number().finite(), max: z.number().finite() }).strict(),
    cutoff: z
      .object({ value: z.number().finite(), clinical: z.enum(['below', 'above']) })
      .strict()
      .nullable(),
    reliableChange: z.number().finite().positive().nullable(),
    source: safeText({ min: 1, max: L.sourceChars }),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const message of definitionProblems(def)) ctx.addIssue({ code: 'custom', message });
  }) satisfies z.ZodType<InstrumentDefinition>;

/** What a practice imports: not one of Tandem's own ids. */
export const importInstrumentBodySchema = instrumentDefinitionSchema.refine(
  (d) => !d.id.startsWith(BUILTIN_INSTRUMENT_PREFIX),
  { message: `ids starting with ${BUILTIN_INSTRUMENT_PREFIX} are Tandem's own`, path: ['id'] },
);

const occasion = z.enum(SESSION_OCCASIONS);
/**
 * Answers' shape: item ids to whole numbers or short text. Fit to the instrument (items, scales, lengths) is
 * checked by the service against the version answered (`answerProblems`).
 */
export const measureAnswersSchema = z
  .record(
    key,
    z.union([
      z.number().int().min(-L.scaleValueAbs).max(L.scaleValueAbs),
      safeText({ min: 0, max: L.textAnswerChars }),
    ]),
  )
  .refine((a) => Object.keys(a).length <= L.items, `at most ${L.items} answers`);

export const measureEventSchemas = {
  'measures:state': z.object({}).strict(),
  'measures:answer': z
    .object({
      occasion,
      instrumentId: instrumentIdSchema,
      instrumentVersion: z.number().int().min(1).max(L.maxVersion),
      answers: measureAnswersSchema,
    })
    .strict(),
  'measures:open': z.object({ occasion, instrumentId: instrumentIdSchema.optional() }).strict(),
  'measures:close': z.object({ occasion }).strict(),
} satisfies {
  [E in 'measures:state' | 'measures:answer' | 'measures:open' | 'measures:close']: z.ZodType<ClientEventPayload<E>>;
};
