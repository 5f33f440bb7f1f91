/** zod schemas for the account-security routes (issue 16). */
import { z } from 'zod';
import type {
  AuditQuery,
  RequireSecondFactorBody,
  SignInCodeBody,
  TotpConfirmBody,
  TotpDisableBody,
} from './security.js';
import { SECURITY_LIMITS } from './security.js';
import { PASSWORD_MAX_LENGTH } from './passwordRules.js';

/** Six digits (spaces allowed while typing), or a recovery code (letters, digits, dashes). */
const code = z
  .string()
  .max(40)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^(\d{6}|[A-Za-z0-9-]{10,24})$/, 'a six-digit code or a recovery code'));
const totp = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'a six-digit code'));

export const signInCodeBodySchema = z.object({ code }).strict() satisfies z.ZodType<SignInCodeBody>;
export const totpConfirmBodySchema = z.object({ code: totp }).strict() satisfies z.ZodType<TotpConfirmBody>;
export const totpDisableBodySchema = z
  .object({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH), code })
  .strict() satisfies z.ZodType<TotpDisableBody>;
export const requireSecondFactorBodySchema = z
  .object({ required: z.boolean() })
  .strict() satisfies z.ZodType<RequireSecondFactorBody>;
export const deviceIdParamSchema = z.string().regex(/^[0-9a-f]{32}$/);

const epoch = z.coerce.number().int().min(0).max(8_640_000_000_000_000);
export const auditQuerySchema = z
  .object({
    person: z.uuid().optional(),
    couple: z.uuid().optional(),
    action: z
      .string()
      .regex(/^[a-z_.]{1,60}$/)
      .optional(),
    from: epoch.optional(),
    to: epoch.optional(),
    page: z.coerce.number().int().min(1).max(SECURITY_LIMITS.auditMaxPage).optional(),
  })
  .strict() satisfies z.ZodType<AuditQuery, unknown>;
