/** zod schemas of the practice's settings, people, invites, transfers and shares. */
import { z } from 'zod';
import { CONFIDENTIALITY_POLICIES, LANGUAGES } from './domain.js';
import { NOTE_FORMATS } from './record.js';
import { safeText } from './names.schemas.js';
import { timeZoneSchema } from './pdf.schemas.js';
import {
  ASSIGNABLE_ROLES,
  CLINICIAN_SEATS,
  type AddSessionClinicianBody,
  type SupervisionConsentBody,
  PRACTICE_LIMITS,
  type AcceptStaffInviteBody,
  type CoupleSharesBody,
  type CreateStaffInviteBody,
  type DeactivatePersonBody,
  type PracticeSettingsDto,
  type TransferCoupleBody,
  type UpdatePersonBody,
} from './practice.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwordRules.js';

const email = z.string().trim().toLowerCase().pipe(z.email().max(PRACTICE_LIMITS.emailMax));

export const practiceSettingsBodySchema = z
  .object({
    name: safeText({ min: 0, max: PRACTICE_LIMITS.nameMax }),
    timeZone: timeZoneSchema,
    language: z.enum(LANGUAGES),
    defaultPolicy: z.enum(CONFIDENTIALITY_POLICIES),
    noteFormat: z.enum(NOTE_FORMATS).nullable(),
  })
  .strict() satisfies z.ZodType<PracticeSettingsDto>;

export const createStaffInviteBodySchema = z
  .object({
    email,
    role: z.enum(ASSIGNABLE_ROLES),
    clinical: z.boolean().optional(),
    language: z.enum(LANGUAGES),
    send: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<CreateStaffInviteBody>;

/** A sign-up token as links carry it (base64url, 128+ bits). */
export const staffInviteTokenSchema = z
  .string()
  .min(16)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const staffInviteLookupQuerySchema = z.object({ token: staffInviteTokenSchema }).strict();

export const acceptStaffInviteBodySchema = z
  .object({
    token: staffInviteTokenSchema,
    name: safeText({ min: 1, max: PRACTICE_LIMITS.personNameMax }),
    password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  })
  .strict() satisfies z.ZodType<AcceptStaffInviteBody>;

export const updatePersonBodySchema = z
  .object({ role: z.enum(ASSIGNABLE_ROLES).optional(), clinical: z.boolean().optional() })
  .strict()
  .refine(
    (b) => b.role !== undefined || b.clinical !== undefined,
    'nothing to change',
  ) satisfies z.ZodType<UpdatePersonBody>;

export const deactivatePersonBodySchema = z
  .object({ reassignTo: z.uuid().nullable() })
  .strict() satisfies z.ZodType<DeactivatePersonBody>;

export const transferCoupleBodySchema = z
  .object({ clinicianId: z.uuid() })
  .strict() satisfies z.ZodType<TransferCoupleBody>;

export const coupleSharesBodySchema = z
  .object({ clinicianIds: z.array(z.uuid()).max(20) })
  .strict() satisfies z.ZodType<CoupleSharesBody>;

export const addSessionClinicianBodySchema = z
  .object({ clinicianId: z.uuid(), seat: z.enum(CLINICIAN_SEATS) })
  .strict() satisfies z.ZodType<AddSessionClinicianBody>;

export const supervisionConsentBodySchema = z
  .object({ consent: z.boolean() })
  .strict() satisfies z.ZodType<SupervisionConsentBody>;
