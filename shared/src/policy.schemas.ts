/** zod schemas for setting and acknowledging the couple's confidentiality policy (issue 15). */
import { z } from 'zod';
import { CONFIDENTIALITY_POLICIES } from './domain.js';
import { noteText } from './record.schemas.js';
import { POLICY_LIMITS, type AcknowledgePolicyBody, type SetPolicyBody } from './policy.js';

const version = z.number().int().min(1).max(POLICY_LIMITS.versions);

export const setPolicyBodySchema = z
  .object({
    kind: z.enum(CONFIDENTIALITY_POLICIES),
    words: noteText(POLICY_LIMITS.wordsChars)
      .nullable()
      .transform((w) => (w === null || w.trim() === '' ? null : w.trim())),
    baseVersion: version,
  })
  .strict() satisfies z.ZodType<SetPolicyBody, unknown>;

export const acknowledgePolicyBodySchema = z.object({ version }).strict() satisfies z.ZodType<
  AcknowledgePolicyBody,
  unknown
>;
