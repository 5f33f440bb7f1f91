import { sessionClosed, ErrorCode, type SafetyState } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { TherapistSocketData } from '../../realtime/types.js';
import type { CouplesService } from '../couples/couples.service.js';
import { PartnersStore } from '../couples/partners.store.js';
import { ParticipantsStore } from '../sessions/participants.store.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { TimersService } from '../timers/timers.service.js';
import type { VideoService } from '../video/video.service.js';
import { protocolView, type ProtocolRow, type SafetyStore } from './safety.store.js';

/** The partner who sends a signal: always themself (the id comes from their credential, never from the payload). */
export interface SignalSender {
  sessionId: string;
  partnerId: string;
}

/**
 * The covert stop signal and the one-click protocol. A signal is stored and told to the therapist audience only
 * (`Publisher.toTherapist`): the room, the other partner and the sender's own devices receive nothing because of
 * it. The protocol reuses the pause (TimersService) and the breakout (VideoService): it starts the pause, and moves
 * on when the pause ends (to the breakout with the signaller) and when each breakout ends (to the other partner's).
 */
export class SafetyService {
  private readonly participants: ParticipantsStore;
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly store: SafetyStore,
    private readonly sessions: SessionsService,
    private readonly couples: CouplesService,
    private readonly timers: TimersService,
    private readonly video: VideoService,
  ) {
    this.participants = new ParticipantsStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
    timers.onPauseChange((sessionId, pausing) => (pausing ? Promise.resolve() : this.afterPause(sessionId)));
    video.onBreakoutEnd((sessionId) => this.afterBreakout(sessionId));
  }

  /** A partner's signal. Idempotent per id; rate limited per partner; audited; told to the therapist only. */
  async signal(from: SignalSender, id: string): Promise<null> {
    await this.ctx.limits.consume('stopSignalPerPartner', from.partnerId);
    const session = await this.sessions.row(from.sessionId);
    if (!session) throw notFound('No such session.');
    if (sessionClosed(session.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    const now = this.ctx.clock.now();
    if (!(await this.store.addSignal(id, from.sessionId, from.partnerId, now))) return null;
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: from.partnerId,
      action: 'partner.stop_signal',
      sessionId: from.sessionId,
    });
    await this.publish(from.sessionId);
    return null;
  }

  async state(sessionId: string): Promise<SafetyState> {
    const row = await this.store.activeProtocol(sessionId);
    return { alerts: await this.store.openAlerts(sessionId), protocol: row ? protocolView(row) : null };
  }

  async dismiss(who: TherapistSocketData, partnerId: string): Promise<SafetyState> {
    await this.ctx.limits.consume('safetyPerTherapist', who.therapistId);
    if (await this.store.dismiss(who.sessionId, partnerId, this.ctx.clock.now())) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: who.therapistId,
        action: 'safety.signal_dismiss',
        sessionId: who.sessionId,
        targetId: partnerId,
      });
    }
    return this.publish(who.sessionId);
  }

  /**
   * One click: a pause for the room (the couple's shortest pause; a pause already running counts), then, when it
   * ends, a breakout with `partnerId` and then one with the other partner, both with the neutral reason.
   */
  async startProtocol(who: TherapistSocketData, partnerId: string): Promise<SafetyState> {
    await this.ctx.limits.consume('safetyPerTherapist', who.therapistId);
    const session = await this.sessions.ownedRow(who.therapistId, who.sessionId);
    if (sessionClosed(session.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    if (session.kind !== 'joint') throw new AppError(ErrorCode.CONFLICT, 'The protocol needs a joint session.');
    const partnerIds = await this.participants.partnerIds(who.sessionId);
    const other = partnerIds.find((p) => p !== partnerId);
    if (!partnerIds.includes(partnerId) || !other) throw new AppError(ErrorCode.FORBIDDEN, 'Not a partner here.');
    // A double click, or the therapist's second device: the protocol already running is the answer.
    if (await this.store.activeProtocol(who.sessionId)) return this.state(who.sessionId);
    if (await this.video.current(who.sessionId)) {
      throw new AppError(ErrorCode.CONFLICT, 'End the current breakout first.');
    }
    const now = this.ctx.clock.now();
    const row = await this.store.startProtocol(
      {
        session_id: who.sessionId,
        therapist_id: who.therapistId,
        first_partner_id: partnerId,
        second_partner_id: other,
      },
      now,
    );
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: who.therapistId,
      action: 'safety.protocol_start',
      sessionId: who.sessionId,
      targetId: partnerId,
    });
    try {
      const { settings } = await this.timers.view(who.sessionId);
      await this.timers.call(who, { minutes: Math.min(...settings.choices) });
    } catch (err) {
      await this.store.advance(row.id, 'pause', 'stopped', this.ctx.clock.now());
      await this.publish(who.sessionId);
      throw err;
    }
    return this.publish(who.sessionId);
  }

  /** The therapist stops the protocol: what runs now goes on, nothing more is started. */
  async stopProtocol(who: TherapistSocketData): Promise<SafetyState> {
    await this.ctx.limits.consume('safetyPerTherapist', who.therapistId);
    const row = await this.store.activeProtocol(who.sessionId);
    if (row && (await this.store.advance(row.id, row.step, 'stopped', this.ctx.clock.now()))) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: who.therapistId,
        action: 'safety.protocol_stop',
        sessionId: who.sessionId,
      });
    }
    return this.publish(who.sessionId);
  }

  /** The couple's agreed labels (therapist only). */
  async labels(therapistId: string, coupleId: string): Promise<{ partnerId: string; label: string | null }[]> {
    await this.couples.get(therapistId, coupleId);
    return this.partners.stopLabelsOfCouple(coupleId);
  }

  async setLabel(therapistId: string, coupleId: string, partnerId: string, label: string | null) {
    await this.ctx.limits.consume('safetyPerTherapist', therapistId);
    await this.couples.get(therapistId, coupleId);
    if (!(await this.partners.setStopLabel(coupleId, partnerId, label)))
      throw notFound('No such partner in this couple.');
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'safety.stop_label_set',
      targetId: partnerId,
    });
    return { partnerId, label };
  }

  /** A partner's own label (their own control only). */
  async labelFor(partnerId: string): Promise<{ label: string | null }> {
    return { label: await this.partners.stopLabelOf(partnerId) };
  }

  /** The pause ended: a protocol waiting on it takes the signaller aside. */
  private async afterPause(sessionId: string): Promise<void> {
    const row = await this.store.activeProtocol(sessionId);
    if (row?.step !== 'pause') return;
    await this.moveTo(row, 'pause', 'first', row.first_partner_id);
  }

  /** A breakout ended: the first one queues the other partner's, the second one ends the protocol. */
  private async afterBreakout(sessionId: string): Promise<void> {
    const row = await this.store.activeProtocol(sessionId);
    if (row?.step === 'first') await this.moveTo(row, 'first', 'second', row.second_partner_id);
    else if (row?.step === 'second') {
      await this.store.advance(row.id, 'second', 'done', this.ctx.clock.now());
      await this.publish(sessionId);
    }
  }

  /** One step on, with the next breakout; only the call that moved the step starts it (many processes). */
  private async moveTo(row: ProtocolRow, from: 'pause' | 'first', to: 'first' | 'second', partnerId: string) {
    const sessionId = row.session_id;
    const session = await this.sessions.row(sessionId);
    const next = session?.status === 'ended' ? 'stopped' : to;
    if (!(await this.store.advance(row.id, from, next, this.ctx.clock.now()))) return;
    if (next === to) {
      const actor = { role: 'therapist', therapistId: row.therapist_id, sessionId } as const;
      try {
        await this.video.startBreakout(actor, { partnerId, reason: 'each-of-you' });
      } catch (err) {
        this.ctx.logger.warn({ err, sessionId }, 'safety protocol: breakout could not start');
        await this.store.advance(row.id, to, 'stopped', this.ctx.clock.now());
      }
    }
    await this.publish(sessionId);
  }

  /** The therapist audience only. */
  private async publish(sessionId: string): Promise<SafetyState> {
    const state = await this.state(sessionId);
    this.publisher.toTherapist(sessionId).emit('safety:state', state);
    return state;
  }
}
