/**
 * Co-therapy: a second clinician in a session. The clinician who runs the session adds a co-therapist (takes part
 * in the room, reads and adds to the couple's record) or, where the couple consented to supervision, a supervisor
 * (joins muted and unseen by the partners, and only reads). Taking someone off a session ends their connections
 * to it at once; withdrawing the couple's consent takes every supervisor off its sessions to come.
 */
import {
  ErrorCode,
  MAX_SESSION_CLINICIANS,
  sessionClosed,
  type AddSessionClinicianBody,
  type SessionCliniciansDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import type { TherapistPrincipal } from '../../access/principal.js';
import { AppError, badRequest, forbidden, notFound } from '../../lib/errors.js';
import { toIso } from '../../lib/clock.js';
import { PracticeStore } from './practice.store.js';

export interface CotherapyHooks {
  /** After a seat was given or taken: the room's presence is told. */
  changed(sessionId: string): Promise<void>;
  /** Closes what someone taken off a session or couple may no longer hold open (its docs). */
  closeLost(coupleId: string): Promise<void>;
}

export class CotherapyService {
  private readonly store: PracticeStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly access: Access,
    private readonly hooks: CotherapyHooks,
  ) {
    this.store = new PracticeStore(ctx.db);
  }

  /** The session's row, when this person runs it (its clinician, active and clinical). */
  private async runnersSession(me: TherapistPrincipal, sessionId: string) {
    const session = await this.ctx.db
      .selectFrom('sessions')
      .select(['id', 'therapist_id', 'couple_id', 'status'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw notFound('No such session.');
    if ((await this.access.scope.seat(me.therapistId, sessionId)) !== 'lead') {
      // Someone who may not see the session learns nothing of it.
      if ((await this.access.scope.couple(me.therapistId, session.couple_id)) === 'none')
        throw notFound('No such session.');
      throw forbidden('Only the clinician who runs this session chooses who joins it.');
    }
    if (!(await this.access.scope.clinicalActive(me.therapistId))) throw forbidden();
    return session;
  }

  async list(me: TherapistPrincipal, sessionId: string): Promise<SessionCliniciansDto> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    const session = await this.runnersSession(me, sessionId);
    return this.view(session);
  }

  private async view(session: { id: string; therapist_id: string; couple_id: string }): Promise<SessionCliniciansDto> {
    const [rows, couple, clinicians] = await Promise.all([
      this.ctx.db
        .selectFrom('session_clinicians')
        .innerJoin('therapists', 'therapists.id', 'session_clinicians.clinician_id')
        .select(['therapists.id', 'therapists.name', 'session_clinicians.seat', 'session_clinicians.added_at'])
        .where('session_clinicians.session_id', '=', session.id)
        .orderBy('session_clinicians.added_at')
        .execute(),
      this.ctx.db
        .selectFrom('couples')
        .select('supervision_consent_at')
        .where('id', '=', session.couple_id)
        .executeTakeFirstOrThrow(),
      this.store.clinicians(),
    ]);
    const taken = new Set([session.therapist_id, ...rows.map((r) => r.id)]);
    return {
      leadId: session.therapist_id,
      clinicians: rows.map((r) => ({ id: r.id, name: r.name, seat: r.seat, addedAt: toIso(r.added_at) ?? '' })),
      supervisionConsent: couple.supervision_consent_at !== null,
      choices: clinicians.filter((c) => !taken.has(c.id)),
    };
  }

  async add(me: TherapistPrincipal, sessionId: string, body: AddSessionClinicianBody): Promise<SessionCliniciansDto> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    const session = await this.runnersSession(me, sessionId);
    if (sessionClosed(session.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session is over.');
    if (body.clinicianId === session.therapist_id) throw badRequest('clinicianId: already runs this session');
    if (!(await this.access.scope.clinicalActive(body.clinicianId)))
      throw badRequest('clinicianId: not an active clinician of the practice');
    if (body.seat === 'supervisor') {
      const couple = await this.ctx.db
        .selectFrom('couples')
        .select('supervision_consent_at')
        .where('id', '=', session.couple_id)
        .executeTakeFirstOrThrow();
      if (couple.supervision_consent_at === null)
        throw new AppError(ErrorCode.CONFLICT, 'The couple has not consented to supervision.');
    }
    const now = this.ctx.clock.now();
    const added = await this.ctx.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('session_clinicians')
        .select(['clinician_id', 'seat'])
        .where('session_id', '=', sessionId)
        .execute();
      const existing = current.find((r) => r.clinician_id === body.clinicianId);
      if (existing?.seat === body.seat) return false;
      if (!existing && current.length >= MAX_SESSION_CLINICIANS)
        throw new AppError(ErrorCode.CONFLICT, `At most ${MAX_SESSION_CLINICIANS} clinicians can join a session.`);
      if (existing)
        await trx
          .updateTable('session_clinicians')
          .set({ seat: body.seat, added_by: me.therapistId, added_at: now })
          .where('session_id', '=', sessionId)
          .where('clinician_id', '=', body.clinicianId)
          .execute();
      else
        await trx
          .insertInto('session_clinicians')
          .values({
            session_id: sessionId,
            clinician_id: body.clinicianId,
            seat: body.seat,
            added_by: me.therapistId,
            added_at: now,
          })
          .execute();
      return true;
    });
    if (added) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: me.therapistId,
        action: 'session.clinician_add',
        sessionId,
        targetId: body.clinicianId,
      });
      // A seat that changed (co-therapist and supervisor see and may do different things) starts afresh.
      this.ctx.credentialEnds.end({ kind: 'seat', sessionId, therapistId: body.clinicianId });
      await this.hooks.changed(sessionId);
    }
    return this.view(session);
  }

  async remove(me: TherapistPrincipal, sessionId: string, clinicianId: string): Promise<SessionCliniciansDto> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    const session = await this.runnersSession(me, sessionId);
    const removed = await this.ctx.db
      .deleteFrom('session_clinicians')
      .where('session_id', '=', sessionId)
      .where('clinician_id', '=', clinicianId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('That clinician does not join this session.');
    await this.ended(me.therapistId, [{ sessionId, clinicianId, coupleId: session.couple_id }]);
    return this.view(session);
  }

  /** The couple's consent to supervision; withdrawn, every supervisor leaves its sessions that are not over. */
  async setConsent(me: TherapistPrincipal, coupleId: string, consent: boolean): Promise<{ consent: boolean }> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    await this.access.assert(me, 'couple.assign', { kind: 'couple', coupleId });
    const now = this.ctx.clock.now();
    const before = await this.ctx.db
      .selectFrom('couples')
      .select('supervision_consent_at')
      .where('id', '=', coupleId)
      .executeTakeFirstOrThrow();
    if ((before.supervision_consent_at !== null) === consent) return { consent };
    await this.ctx.db
      .updateTable('couples')
      .set({ supervision_consent_at: consent ? now : null })
      .where('id', '=', coupleId)
      .execute();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: me.therapistId,
      action: 'couple.supervision_consent',
      targetId: coupleId,
    });
    if (!consent) {
      const seats = await this.ctx.db
        .selectFrom('session_clinicians')
        .innerJoin('sessions', 'sessions.id', 'session_clinicians.session_id')
        .select(['session_clinicians.session_id', 'session_clinicians.clinician_id'])
        .where('sessions.couple_id', '=', coupleId)
        .where('sessions.status', 'in', ['scheduled', 'live'])
        .where('session_clinicians.seat', '=', 'supervisor')
        .execute();
      if (seats.length > 0)
        await this.ctx.db
          .deleteFrom('session_clinicians')
          .where('seat', '=', 'supervisor')
          .where(
            'session_id',
            'in',
            seats.map((x) => x.session_id),
          )
          .execute();
      await this.ended(
        me.therapistId,
        seats.map((s) => ({ sessionId: s.session_id, clinicianId: s.clinician_id, coupleId })),
      );
    }
    return { consent };
  }

  /** After seats were taken: audited, their connections to those sessions end, and what they lost is closed. */
  private async ended(
    actorId: string,
    seats: readonly { sessionId: string; clinicianId: string; coupleId: string }[],
  ): Promise<void> {
    for (const s of seats) {
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId,
        action: 'session.clinician_remove',
        sessionId: s.sessionId,
        targetId: s.clinicianId,
      });
      this.ctx.credentialEnds.end({ kind: 'seat', sessionId: s.sessionId, therapistId: s.clinicianId });
      await this.hooks.changed(s.sessionId);
    }
    for (const coupleId of new Set(seats.map((s) => s.coupleId))) await this.hooks.closeLost(coupleId);
  }
}
