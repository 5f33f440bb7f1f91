/** zod schemas for the drafting events (server-side only). */
import { z } from 'zod';
import { DRAFT_KINDS, DRAFT_LIMITS } from './drafts.js';
import { DOC_LIMITS } from './map.js';

const id = z.uuid();
const empty = z.object({}).strict();

export const draftEventSchemas = {
  'drafts:state': empty,
  'drafts:open': empty,
  'drafts:close': empty,
  // Up to a panel's size here: the service answers PAYLOAD_TOO_LARGE above a card's limit.
  'drafts:save': z
    .object({
      id: id.optional(),
      kind: z.enum(DRAFT_KINDS),
      text: z.string().trim().min(1).max(DOC_LIMITS.privateTextChars),
    })
    .strict(),
  'drafts:delete': z.object({ id }).strict(),
  'drafts:reveal': z.object({ partnerId: id, cardIds: z.array(id).min(1).max(DRAFT_LIMITS.cardsPerPartner) }).strict(),
  'drafts:answer': z.object({ revealId: id, agree: z.boolean() }).strict(),
};
