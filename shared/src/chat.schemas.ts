import { z } from 'zod';
import { CHAT_MAX_LENGTH } from './chat.js';

const id = z.uuid();

export const chatEventSchemas = {
  'chat:send': z.object({ partnerId: id, text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }).strict(),
  'chat:history': z.object({ partnerId: id }).strict(),
  'chat:read': z.object({ partnerId: id, upToId: id }).strict(),
};
