/** zod schemas for the video events (server-side only; the client never imports zod). */
import { z } from 'zod';
import { BREAKOUT_MESSAGE_MAX, BREAKOUT_REASONS, SIGNAL_MAX_CHARS, type RtcSignal } from './video.js';

const id = z.uuid();
const sdp = z.string().min(1).max(SIGNAL_MAX_CHARS);

const candidate = z
  .object({
    candidate: z.string().max(2048),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();

const signal = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['offer', 'answer']), sdp }).strict(),
  z.object({ type: z.literal('candidate'), candidate }).strict(),
  z.object({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }).strict(),
  z
    .object({
      type: z.literal('transceiverRequest'),
      transceiverRequest: z.object({ kind: z.enum(['audio', 'video']) }).strict(),
    })
    .strict(),
  z.object({ type: z.literal('restart') }).strict(),
]) satisfies z.ZodType<RtcSignal>;

const empty = z.object({}).strict();

export const videoEventSchemas = {
  'video:hello': empty,
  'rtc:join': empty,
  'rtc:leave': empty,
  'rtc:signal': z
    .object({ to: id, connId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), signal })
    .strict()
    .refine((p) => JSON.stringify(p.signal).length <= SIGNAL_MAX_CHARS, {
      message: `Signal larger than ${SIGNAL_MAX_CHARS} characters`,
      path: ['signal'],
    }),
  'breakout:start': z
    .object({
      partnerId: id,
      message: z.string().trim().max(BREAKOUT_MESSAGE_MAX).optional(),
      reason: z.enum(BREAKOUT_REASONS).optional(),
    })
    .strict(),
  'breakout:end': empty,
};
