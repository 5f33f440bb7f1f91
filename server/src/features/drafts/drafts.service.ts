import {
  DRAFT_LIMITS,
  ErrorCode,
  type DraftAnswerPayload,
  type DraftRevealPayload,
  type DraftSavePayload,
  type DraftsState,
  type PartnerDrafts,
  type PartnerSlot,
  sessionClosed,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { DraftRevealsTable, DraftRoundsTable } from '../../db/schema.js';
import { recordMove } from '../policy/policy.store.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { PartnerSocketData, TherapistSocketData } from '../../realtime/types.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import type { MapService } from '../map/map.service.js';
import { writeToLane } from '../map/share.js';
import { revealItems, type DraftsStore } from './drafts.store.js';

type Partner = Pick<PartnerSocketData, 'sessionId' | 'coupleId' | 'partnerId'>;
type Therapist = Pick<TherapistSocketData, 'sessionId' | 'therapistId' | 'partnerId'>;

const noRound = () => new AppError(ErrorCode.CONFLICT, 'No drafting round is open.');

/**
 * Private drafting on the map. A partner's drafts and reveal requests are published to that partner's audience
 * only (`Publisher.toPartner`: their devices and the therapist); the other partner receives nothing because of
 * them. Only opening and closing a round go to the room. The one place content moves from a partner's private
 * drafts into the couple's map is `revealDrafts`.
 */
export class DraftsService {
  private readonly participants: ParticipantsStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly store: DraftsStore,
    private readonly map: MapService,
  ) {
    this.participants = new ParticipantsStore(ctx.db);
  }

  /** The round, and the drafts this person may see: a partner their own, the therapist both partners'. */
  async state(who: Therapist | Partner): Promise<DraftsState> {
    await (who.partnerId === null
      ? this.ctx.limits.consume('draftsPerTherapist', who.therapistId)
      : this.ctx.limits.consume('draftsPerPartner', who.partnerId));
    return this.view({ sessionId: who.sessionId, partnerId: who.partnerId });
  }

  /** What `state` answers, without counting against a limit (after an action that was counted). */
  private async view(who: { sessionId: string; partnerId: string | null }): Promise<DraftsState> {
    const round = await this.store.openRound(who.sessionId);
    if (!round) return { round: null, partners: [] };
    const ids = who.partnerId ? [who.partnerId] : await this.therapistView(who.sessionId);
    return {
      round: { id: round.id, openedAt: new Date(Number(round.opened_at)).toISOString() },
      partners: await Promise.all(ids.map((id) => this.store.view(round.id, id))),
    };
  }

  async open(who: Therapist): Promise<DraftsState> {
    await this.ctx.limits.consume('draftsPerTherapist', who.therapistId);
    await this.liveJointSession(who);
    if (!(await this.store.openRound(who.sessionId))) {
      const round = await this.store.addRound(who.sessionId, who.therapistId, this.ctx.clock.now());
      await this.audit(who, 'drafts.open', round.id);
      this.publisher.toRoom(who.sessionId).emit('drafts:round', { round: this.roundView(round) });
    }
    return this.view({ sessionId: who.sessionId, partnerId: null });
  }

  async close(who: Therapist): Promise<DraftsState> {
    await this.ctx.limits.consume('draftsPerTherapist', who.therapistId);
    await this.ownedSession(who);
    const round = await this.store.openRound(who.sessionId);
    if (round && (await this.store.closeRound(round.id, this.ctx.clock.now()))) {
      await this.audit(who, 'drafts.close', round.id);
      this.publisher.toRoom(who.sessionId).emit('drafts:round', { round: null });
    }
    return this.view({ sessionId: who.sessionId, partnerId: null });
  }

  /** A partner adds or changes one of their own cards; a change withdraws a pending request that holds it. */
  async save(who: Partner, payload: DraftSavePayload): Promise<PartnerDrafts> {
    await this.ctx.limits.consume('draftsPerPartner', who.partnerId);
    const round = await this.partnerRound(who);
    const text = payload.text.trim();
    if (text.length > DRAFT_LIMITS.textChars)
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'Too long for a card on the map.');
    const now = this.ctx.clock.now();
    if (payload.id) {
      const card = await this.store.card(round.id, who.partnerId, payload.id);
      if (!card) throw notFound('No such draft.');
      if (!(await this.store.editCard(card, payload.kind, text, now)))
        throw new AppError(ErrorCode.CONFLICT, 'This card is already on the map.');
      await this.withdrawIfHeld(round, who.partnerId, card.id);
    } else {
      if ((await this.store.cards(round.id, who.partnerId)).length >= DRAFT_LIMITS.cardsPerPartner)
        throw new AppError(ErrorCode.CONFLICT, 'You have as many draft cards as a round holds.');
      await this.store.addCard(round.id, who.partnerId, payload.kind, text, now);
    }
    return this.publish(who.sessionId, round, who.partnerId);
  }

  async remove(who: Partner, id: string): Promise<PartnerDrafts> {
    await this.ctx.limits.consume('draftsPerPartner', who.partnerId);
    const round = await this.partnerRound(who);
    const card = await this.store.card(round.id, who.partnerId, id);
    if (!card) throw notFound('No such draft.');
    if (!(await this.store.deleteCard(card.id)))
      throw new AppError(ErrorCode.CONFLICT, 'This card is already on the map.');
    await this.withdrawIfHeld(round, who.partnerId, card.id);
    return this.publish(who.sessionId, round, who.partnerId);
  }

  /** The therapist asks a partner to reveal some of their private cards (a new request replaces a pending one). */
  async requestReveal(who: Therapist, payload: DraftRevealPayload): Promise<DraftsState> {
    await this.ctx.limits.consume('draftsPerTherapist', who.therapistId);
    await this.liveJointSession(who);
    const round = await this.store.openRound(who.sessionId);
    if (!round) throw noRound();
    if (!(await this.participants.partnerIds(who.sessionId)).includes(payload.partnerId))
      throw notFound('No such partner in this session.');
    const items = [];
    for (const id of new Set(payload.cardIds)) {
      const card = await this.store.card(round.id, payload.partnerId, id);
      if (!card) throw notFound('No such draft.');
      if (card.revealed_at !== null) throw new AppError(ErrorCode.CONFLICT, 'This card is already on the map.');
      items.push({ id, version: Number(card.version) });
    }
    const now = this.ctx.clock.now();
    const previous = await this.store.pending(round.id, payload.partnerId);
    if (previous) await this.store.settle(previous.id, 'withdrawn', now);
    const row = { round_id: round.id, partner_id: payload.partnerId, requested_by: who.therapistId };
    const revealId = await this.store.addReveal(row, items, now);
    await this.audit(who, 'drafts.reveal_request', revealId);
    await this.publish(who.sessionId, round, payload.partnerId);
    return this.view({ sessionId: who.sessionId, partnerId: null });
  }

  /** The partner's answer to a pending request: only their own, only while it is pending. */
  async answer(who: Partner, { revealId, agree }: DraftAnswerPayload): Promise<PartnerDrafts> {
    await this.ctx.limits.consume('draftsPerPartner', who.partnerId);
    const round = await this.partnerRound(who);
    const reveal = await this.store.reveal(revealId);
    if (reveal?.partner_id !== who.partnerId || reveal.round_id !== round.id || reveal.status !== 'pending')
      throw notFound('No such request waiting for you.');
    if (agree) await this.revealDrafts(who, reveal);
    else if (await this.store.settle(reveal.id, 'refused', this.ctx.clock.now())) {
      await this.ctx.audit.record({
        actorType: 'partner',
        actorId: who.partnerId,
        action: 'drafts.reveal_refused',
        sessionId: who.sessionId,
        targetId: reveal.id,
      });
    }
    return this.publish(who.sessionId, round, who.partnerId);
  }

  /**
   * Content moves from a partner's private drafts into the couple's shared map: the one place it happens. Runs on
   * the partner's yes to the therapist's request: the cards must be exactly as asked (same versions, none deleted
   * or revealed), the round open, the session live and joint, the map unlocked and with room. The server writes
   * them into that partner's lane, waits until stored, marks the drafts revealed (who asked, who agreed, when, the
   * map card), and audits each with ids only. Anything refused leaves the map untouched.
   */
  async revealDrafts(who: Partner, reveal: DraftRevealsTable): Promise<string[]> {
    const session = await this.liveSession(who.sessionId);
    if (session.kind !== 'joint') throw forbidden('There is no shared map in this session.');
    const deps = this.map.writeDeps();
    if (await deps.isLocked(who.coupleId)) throw forbidden('The map is locked.');
    const now = this.ctx.clock.now();
    const items = revealItems(reveal);
    const cards = await Promise.all(items.map((i) => this.store.card(reveal.round_id, who.partnerId, i.id)));
    const current = cards.every((c, n) => c && c.revealed_at === null && Number(c.version) === items[n]!.version);
    if (!current) {
      await this.store.settle(reveal.id, 'withdrawn', now);
      throw new AppError(ErrorCode.CONFLICT, 'These cards changed since the therapist asked.');
    }
    // Claimed once: another device's yes, an edit or the round's close settled it first, and nothing is written.
    if (!(await this.store.settle(reveal.id, 'agreed', now)))
      throw new AppError(ErrorCode.CONFLICT, 'This request is no longer waiting.');
    const slot = (await this.participants.withPartners(who.sessionId)).find((p) => p.partner_id === who.partnerId)
      ?.slot as PartnerSlot;
    const lane = cards.map((c) => ({ kind: c!.kind, label: c!.text }));
    let mapIds: string[] | null = null;
    try {
      mapIds = await writeToLane(deps.withDoc, who.coupleId, slot, lane);
    } finally {
      // Nothing written (the map was full, or the write failed): the request is withdrawn, not left agreed.
      if (!mapIds) await this.store.unclaim(reveal.id);
    }
    if (!mapIds) throw new AppError(ErrorCode.CONFLICT, 'The map is full.');
    await deps.durable();
    const by = { therapistId: reveal.requested_by, partnerId: who.partnerId };
    for (const [n, item] of items.entries()) {
      await this.store.markRevealed(item, by, mapIds[n]!, now);
      await this.ctx.audit.record({
        actorType: 'partner',
        actorId: who.partnerId,
        action: 'map.reveal',
        sessionId: who.sessionId,
        targetId: mapIds[n]!,
      });
      // The confidentiality log: the therapist moved it (on the partner's yes), under the policy current now.
      await recordMove(this.ctx.db, {
        coupleId: who.coupleId,
        kind: 'draft_reveal',
        itemId: mapIds[n]!,
        by: { type: 'therapist', id: reveal.requested_by },
        sessionId: who.sessionId,
        at: now,
      });
    }
    return mapIds;
  }

  private async withdrawIfHeld(round: DraftRoundsTable, partnerId: string, cardId: string): Promise<void> {
    const pending = await this.store.pending(round.id, partnerId);
    if (pending && revealItems(pending).some((i) => i.id === cardId))
      await this.store.settle(pending.id, 'withdrawn', this.ctx.clock.now());
  }

  /** To that partner's audience only: their devices and the therapist. */
  private async publish(sessionId: string, round: DraftRoundsTable, partnerId: string): Promise<PartnerDrafts> {
    const view = await this.store.view(round.id, partnerId);
    this.publisher.toPartner(sessionId, partnerId).emit('drafts:partner', view);
    return view;
  }

  private async partnerRound(who: Partner): Promise<DraftRoundsTable> {
    await this.liveSession(who.sessionId);
    const round = await this.store.openRound(who.sessionId);
    if (!round) throw noRound();
    return round;
  }

  private async therapistView(sessionId: string): Promise<string[]> {
    return (await this.participants.withPartners(sessionId)).map((p) => p.partner_id);
  }

  private roundView(round: DraftRoundsTable) {
    return { id: round.id, openedAt: new Date(Number(round.opened_at)).toISOString() };
  }

  private async liveSession(sessionId: string) {
    const row = await this.ctx.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!row) throw notFound('No such session.');
    if (sessionClosed(row.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    return row;
  }

  private async ownedSession(who: Therapist) {
    const row = await this.liveSession(who.sessionId);
    if (row.therapist_id !== who.therapistId) throw forbidden();
    return row;
  }

  private async liveJointSession(who: Therapist) {
    const row = await this.ownedSession(who);
    if (row.kind !== 'joint') throw new AppError(ErrorCode.CONFLICT, 'Drafting needs a joint session.');
    return row;
  }

  private audit(who: Therapist, action: 'drafts.open' | 'drafts.close' | 'drafts.reveal_request', targetId: string) {
    return this.ctx.audit.record({
      actorType: 'therapist',
      actorId: who.therapistId,
      action,
      sessionId: who.sessionId,
      targetId,
    });
  }
}
