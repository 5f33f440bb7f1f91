/** zod schemas for the timer and pause events (server-side only). */
import { z } from 'zod';
import type { ClientEventPayload } from './protocol.js';
import { PAUSE_EXERCISES, PAUSE_MAX_MINUTES, PAUSE_MIN_MINUTES } from './timers.js';

const empty = z.object({}).strict();
const minutes = z.number().int().min(PAUSE_MIN_MINUTES).max(PAUSE_MAX_MINUTES);
const exercise = z.enum(PAUSE_EXERCISES);

export const pauseSettingsSchema = z
  .object({
    defaultMinutes: minutes.optional(),
    choices: z
      .array(minutes)
      .min(1)
      .max(5)
      .refine((c) => new Set(c).size === c.length, 'choices must differ')
      .optional(),
    showCaller: z.boolean().optional(),
    mediaPaused: z.boolean().optional(),
    exercise: exercise.optional(),
  })
  .strict();

export const timerEventSchemas = {
  'time:ping': empty,
  'timer:state': empty,
  'pause:call': z.object({ minutes: minutes.optional(), exercise: exercise.optional() }).strict(),
  'pause:ready': z.object({ ready: z.boolean() }).strict(),
  'pause:exercise': z.object({ exercise }).strict(),
  'pause:end': empty,
  'pause:extend': z.object({ minutes: z.number().int().min(1).max(30) }).strict(),
  'pause:settings': pauseSettingsSchema,
} satisfies {
  [
    E in
      | 'time:ping'
      | 'timer:state'
      | 'pause:call'
      | 'pause:ready'
      | 'pause:exercise'
      | 'pause:end'
      | 'pause:extend'
      | 'pause:settings'
  ]: z.ZodType<ClientEventPayload<E>>;
};
