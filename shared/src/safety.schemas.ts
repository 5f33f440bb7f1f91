/** zod schemas for the safety events and bodies (server-side only). */
import { z } from 'zod';
import { safeText } from './names.schemas.js';
import { STOP_LABEL_MAX, type StopLabelBody } from './safety.js';

const id = z.uuid();
const empty = z.object({}).strict();

export const safetyEventSchemas = {
  'safety:signal': z.object({ id }).strict(),
  'safety:state': empty,
  'safety:dismiss': z.object({ partnerId: id }).strict(),
  'safety:protocol-start': z.object({ partnerId: id }).strict(),
  'safety:protocol-stop': empty,
};

export const stopSignalBodySchema = z.object({ id }).strict();

/** An agreed label: a short line of text, or null / empty for the default neutral one. */
export const stopLabelBodySchema = z
  .object({ label: safeText({ min: 0, max: STOP_LABEL_MAX }).nullable() })
  .strict()
  .transform((b) => ({ label: b.label ? b.label : null })) satisfies z.ZodType<StopLabelBody>;
