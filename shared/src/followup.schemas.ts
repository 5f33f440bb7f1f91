/** zod schemas for ending well (issue 14): the case's status and the maintenance plan. */
import { z } from 'zod';
import { noteText } from './record.schemas.js';
import {
  CASE_STATUSES,
  MAINTENANCE_LIMITS,
  type CaseStatusBody,
  type MaintenanceContent,
  type MaintenancePartnerPart,
} from './followup.js';

const field = noteText(MAINTENANCE_LIMITS.fieldChars);

export const caseStatusBodySchema = z
  .object({ status: z.enum(CASE_STATUSES) })
  .strict() satisfies z.ZodType<CaseStatusBody>;

const partnerPartSchema = z
  .object({ warningSigns: field, commitments: field })
  .strict() satisfies z.ZodType<MaintenancePartnerPart>;

export const maintenanceContentSchema = z
  .object({
    a: partnerPartSchema,
    b: partnerPartSchema,
    pauseRitual: field,
    comeBack: field,
    includeMap: z.boolean(),
  })
  .strict() satisfies z.ZodType<MaintenanceContent>;

/** A partner edits only their own part of the plan. */
export const maintenancePartBodySchema = partnerPartSchema;
