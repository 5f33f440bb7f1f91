/** zod schemas for the client's data and password reset routes (issue 16). */
import { z } from 'zod';
import type { DeleteConfirmBody, ForgotPasswordBody, ResetPasswordBody, RetentionBody } from './clientData.js';
import { RETENTION_MAX_YEARS } from './clientData.js';
import { LANGUAGES } from './domain.js';
import { PASSWORD_MAX_LENGTH } from './passwordRules.js';

export const deleteConfirmBodySchema = z
  .object({ confirmName: z.string().trim().min(1).max(200) })
  .strict() satisfies z.ZodType<DeleteConfirmBody>;

export const retentionBodySchema = z
  .object({ years: z.number().int().min(1).max(RETENTION_MAX_YEARS).nullable() })
  .strict() satisfies z.ZodType<RetentionBody>;

export const forgotPasswordBodySchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    language: z.enum(LANGUAGES),
  })
  .strict() satisfies z.ZodType<ForgotPasswordBody>;

export const resetPasswordBodySchema = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict() satisfies z.ZodType<ResetPasswordBody>;
