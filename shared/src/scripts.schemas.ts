/** zod schemas for scripts: the REST body of a therapist's own script, and the runner's events. */
import { z } from 'zod';
import { LANGUAGES } from './domain.js';
import { safeText } from './names.schemas.js';
import type { ClientEventPayload } from './protocol.js';
import { SCRIPT_LIMITS as L, scriptProblems, type ScriptBody, type ScriptContent } from './scripts.js';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and titles people see as labels (no control or direction-override characters). */
const title = (max: number) => safeText({ min: 1, max });
const roleId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
  .max(L.roleIdChars);

export const scriptContentSchema = z
  .object({
    name: title(L.nameChars),
    purpose: z.string().trim().max(L.purposeChars),
    roles: z
      .array(z.object({ id: roleId, name: title(L.nameChars) }).strict())
      .min(L.roles.min)
      .max(L.roles.max),
    steps: z
      .array(
        z
          .object({
            title: title(L.titleChars),
            turn: roleId,
            prompts: z.record(roleId, z.string().trim().max(L.promptChars)),
            stems: z.array(text(L.stemChars)).max(L.stems.max),
            seconds: z.number().int().min(L.seconds.min).max(L.seconds.max),
          })
          .strict(),
      )
      .min(L.steps.min)
      .max(L.steps.max),
  })
  .strict()
  .superRefine((content, ctx) => {
    for (const problem of scriptProblems(content)) {
      const [where = '', message = problem] = problem.split(': ');
      ctx.addIssue({ code: 'custom', message, path: where.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
    }
  }) satisfies z.ZodType<ScriptContent>;

export const scriptBodySchema = z
  .object({ language: z.enum(LANGUAGES), content: scriptContentSchema })
  .strict() satisfies z.ZodType<ScriptBody>;

/** Built-in slugs or UUIDs. */
export const scriptIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

const empty = z.object({}).strict();

export const scriptEventSchemas = {
  'script:state': empty,
  'script:start': z
    .object({
      scriptId: scriptIdSchema,
      assignments: z.record(roleId, z.uuid()).refine((a) => Object.keys(a).length <= L.roles.max, 'too many roles'),
    })
    .strict(),
  'script:next': empty,
  'script:back': empty,
  'script:swap': empty,
  'script:pause': z.object({ paused: z.boolean() }).strict(),
  'script:end': empty,
  'script:done': empty,
} satisfies {
  [
    E in
      | 'script:state'
      | 'script:start'
      | 'script:next'
      | 'script:back'
      | 'script:swap'
      | 'script:pause'
      | 'script:end'
      | 'script:done'
  ]: z.ZodType<ClientEventPayload<E>>;
};
