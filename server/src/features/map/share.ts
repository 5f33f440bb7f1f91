/**
 * "Share with the room" as a server-side act (issue 11, item 7): the partner asks, the server checks who they are
 * (from the credential, never the payload), that they are admitted to a live joint session of their couple, that
 * the words are exactly what their own panel holds, the lock and the size, then writes the card into the
 * couple's map itself (connected clients receive it as a normal update), waits until it is stored, and records
 * who shared which card when (ids only), under which policy version (`recordMove`). No client ever holds an unsent copy, so a refusal leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  DOC_LIMITS,
  ErrorCode,
  LANE_X,
  ROW_HEIGHT,
  docName,
  type MapSharePayload,
  type MapShareResult,
  type PartnerSlot,
  type CycleNodeKind,
  sessionClosed,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { recordMove } from '../policy/policy.store.js';

/** The server's own writes to a doc carry this origin (relayed to every connection). */
export const SERVER_ORIGIN = Symbol('server');

export interface ShareDeps {
  ctx: AppContext;
  withDoc: <T>(name: string, fn: (doc: Y.Doc) => T) => Promise<T>;
  isLocked: (coupleId: string) => Promise<boolean>;
  durable: () => Promise<void>;
}

export interface Sharer {
  sessionId: string;
  coupleId: string;
  partnerId: string;
}

/** The words a panel field holds (trimmed), or '' when empty. */
function panelText(panel: Y.Doc, field: MapSharePayload['field']): string {
  const text = field === 'notes' ? panel.getText('notes') : panel.getMap('prep').get('hear');
  return text instanceof Y.Text ? text.toString().trim() : '';
}

export interface LaneCard {
  kind: CycleNodeKind;
  label: string;
}

/**
 * Writes cards at the foot of one partner's lane on the couple's map, as the server, in one transaction (connected
 * clients receive it as a normal update). Their ids, or null (and nothing written) when they would overfill the map.
 */
export async function writeToLane(
  withDoc: ShareDeps['withDoc'],
  coupleId: string,
  slot: PartnerSlot,
  cards: readonly LaneCard[],
): Promise<string[] | null> {
  return withDoc(docName({ kind: 'map', id: coupleId }), (map) => {
    const nodes = map.getMap<unknown>('nodes');
    if (nodes.size + cards.length > DOC_LIMITS.cards) return null;
    let y = 0;
    for (const n of nodes.values()) {
      if (n instanceof Y.Map && n.get('side') === slot && typeof n.get('y') === 'number')
        y = Math.max(y, (n.get('y') as number) + ROW_HEIGHT);
    }
    const ids = cards.map(() => randomUUID());
    map.transact(() => {
      cards.forEach(({ kind, label }, i) => {
        const card = new Y.Map<unknown>();
        const fields = { kind, side: slot, label, x: LANE_X[slot], y: y + i * ROW_HEIGHT };
        for (const [k, v] of Object.entries(fields)) card.set(k, v);
        nodes.set(ids[i]!, card);
      });
    }, SERVER_ORIGIN);
    return ids;
  });
}

export async function shareFromPanel(deps: ShareDeps, who: Sharer, payload: MapSharePayload): Promise<MapShareResult> {
  const { ctx } = deps;
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('session_participants as sp', 'sp.session_id', 'sessions.id')
    .innerJoin('partners', 'partners.id', 'sp.partner_id')
    .select(['sessions.kind', 'sessions.status', 'sessions.couple_id', 'sp.admission', 'partners.slot'])
    .where('sessions.id', '=', who.sessionId)
    .where('sp.partner_id', '=', who.partnerId)
    .executeTakeFirst();
  if (!row || row.admission !== 'admitted' || row.couple_id !== who.coupleId)
    throw forbidden('You are not in the room.');
  if (row.kind !== 'joint' || sessionClosed(row.status)) throw forbidden('There is no shared map in this session.');
  const text = payload.text.trim();
  if (text.length > DOC_LIMITS.labelChars)
    throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'Too long for a card on the map.');
  const own = await deps.withDoc(docName({ kind: 'panel', id: who.partnerId }), (d) => panelText(d, payload.field));
  if (own !== text) throw new AppError(ErrorCode.CONFLICT, 'Your private space holds different words now.');
  if (await deps.isLocked(who.coupleId)) throw forbidden('The map is locked.');

  const ids = await writeToLane(deps.withDoc, who.coupleId, row.slot as PartnerSlot, [{ kind: 'note', label: text }]);
  const cardId = ids?.[0];
  if (!cardId) throw new AppError(ErrorCode.CONFLICT, 'The map is full.');
  await deps.durable();
  // The per-item log: who moved what from a private space into the shared map, under which policy version.
  await recordMove(ctx.db, {
    coupleId: who.coupleId,
    kind: 'share_card',
    itemId: cardId,
    by: { type: 'partner', id: who.partnerId },
    sessionId: who.sessionId,
    at: ctx.clock.now(),
  });
  await ctx.audit.record({
    actorType: 'partner',
    actorId: who.partnerId,
    action: 'map.share',
    sessionId: who.sessionId,
    targetId: cardId,
  });
  return { cardId };
}
