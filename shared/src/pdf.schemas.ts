/** zod schemas for the record's exports: the practice's name and the PDF and history queries. */
import { z } from 'zod';
import { LANGUAGES } from './domain.js';
import { safeText } from './names.schemas.js';
import { PRACTICE_NAME_MAX, type PdfQuery, type PracticeBody } from './pdf.js';
import type { MapCompareQuery } from './history.js';

export const practiceBodySchema = z
  .object({ practiceName: safeText({ min: 0, max: PRACTICE_NAME_MAX }) })
  .strict() satisfies z.ZodType<PracticeBody>;

/** An IANA time zone name the runtime knows ("Europe/Madrid", "UTC"). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'must be a time zone name')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be a known time zone');

export const pdfQuerySchema = z
  .object({ lang: z.enum(LANGUAGES).optional(), tz: timeZoneSchema.optional() })
  .strict() satisfies z.ZodType<PdfQuery>;

/** Two sessions of a couple whose maps are compared (the JSON and the PDF; the PDF also reads lang and tz). */
export const mapCompareQuerySchema = z
  .object({
    from: z.uuid(),
    to: z.uuid(),
    lang: z.enum(LANGUAGES).optional(),
    tz: timeZoneSchema.optional(),
  })
  .strict() satisfies z.ZodType<MapCompareQuery>;
