/**
 * Where each partner is, who to call, and the private screening (issue 15). A partner writes their own intake (on
 * their case link), their location for a session (on the session's link) and the answers to a screening sent to
 * them; they read back only their own. The therapist of the couple reads all of it. The other partner receives
 * none of it and no sign of it: no route of theirs reads these tables, and the location's live update goes to the
 * therapist audience only (`Publisher.toTherapist`). Every write is rate limited and audited (ids only).
 */
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  SAFETY_SCREENING,
  SAFETY_SCREENING_ID,
  TELEHEALTH_CONSENT,
  answerProblems,
  emergencyNumberFor,
  scoreAnswers,
  screeningRisk,
  type CoupleSafetyDto,
  type CreatedSessionDto,
  type IntakeBody,
  type IntakeDto,
  type JointWorkBody,
  type LocationBody,
  type MyLocationDto,
  type MySafetyDto,
  type PartnerWhereaboutsDto,
  type RoomWhereaboutsDto,
  type ScreeningAnswerBody,
  type SessionLocationDto,
  sessionClosed,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { PartnerPrincipal } from '../../access/principal.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import type { Publisher } from '../../realtime/publisher.js';
import type { CouplesService } from '../couples/couples.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { CasePrincipal } from '../between/caseLinks.service.js';
import { ScreeningStore, intakeDto, locationDto, screeningDto } from './screening.store.js';

export class ScreeningService {
  private readonly store: ScreeningStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly publisher: Publisher,
    private readonly couples: CouplesService,
    private readonly sessions: SessionsService,
  ) {
    this.store = new ScreeningStore(ctx.db);
  }

  // ---- the partner, on their own case link ----

  async mine(p: CasePrincipal): Promise<MySafetyDto> {
    const [intake, open] = await Promise.all([this.store.intake(p.partnerId), this.store.open(p.partnerId)]);
    return {
      intake: intake ? intakeDto(intake) : null,
      consentVersion: TELEHEALTH_CONSENT.version,
      screening: open ? { id: open.id, sentAt: screeningDto(open).sentAt, instrument: SAFETY_SCREENING } : null,
    };
  }

  async saveIntake(p: CasePrincipal, body: IntakeBody): Promise<IntakeDto> {
    if (body.consentVersion !== TELEHEALTH_CONSENT.version) {
      throw new AppError(ErrorCode.CONFLICT, 'The consent text changed; reload the page and read it again.');
    }
    const now = this.ctx.clock.now();
    const before = await this.store.intake(p.partnerId);
    // The consent keeps its first date while the version stays the same.
    const consentAt =
      before && Number(before.consent_version) === body.consentVersion ? Number(before.consent_at) : now;
    await this.store.saveIntake({
      partner_id: p.partnerId,
      couple_id: p.coupleId,
      contact_name: body.contactName.trim(),
      contact_phone: body.contactPhone.trim(),
      contact_relation: body.contactRelation.trim(),
      address: body.address.trim(),
      country: body.country,
      consent_version: body.consentVersion,
      consent_at: consentAt,
      updated_at: now,
    });
    await this.ctx.audit.record({ actorType: 'partner', actorId: p.partnerId, action: 'intake.save' });
    const saved = await this.store.intake(p.partnerId);
    if (!saved) throw notFound('No intake.');
    return intakeDto(saved);
  }

  /** Answers the open screening; the partner gets nothing back about its result. */
  async answerScreening(p: CasePrincipal, id: string, body: ScreeningAnswerBody): Promise<MySafetyDto> {
    const open = await this.store.open(p.partnerId);
    if (!open || open.id !== id) throw notFound('No such screening.');
    const def = SAFETY_SCREENING;
    if (body.instrumentId !== def.id || body.instrumentVersion !== def.version || open.instrument_id !== def.id) {
      throw new AppError(ErrorCode.CONFLICT, 'These questions changed; reload them and answer again.');
    }
    const problems = answerProblems(def, body.answers);
    if (problems.length > 0) throw badRequest(problems.slice(0, 3).join('; '));
    const { score } = scoreAnswers(def, body.answers);
    if (score === null) throw badRequest('answers: answer every question (the last one is optional)');
    const risk = screeningRisk(body.answers);
    const ok = await this.store.answer(open.id, p.partnerId, {
      answered_at: this.ctx.clock.now(),
      answers: JSON.stringify(body.answers),
      score,
      flagged: risk.length > 0 ? 1 : 0,
      risk_items: JSON.stringify(risk),
    });
    if (!ok) throw notFound('No such screening.');
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: p.partnerId,
      action: 'screening.answer',
      targetId: open.id,
    });
    return this.mine(p);
  }

  // ---- the partner, on the session's link ----

  async myLocation(p: PartnerPrincipal): Promise<MyLocationDto> {
    const [intake, row] = await Promise.all([
      this.store.intake(p.partnerId),
      this.store.location(p.sessionId, p.partnerId),
    ]);
    return {
      usualAddress: intake?.address ?? null,
      usualCountry: intake?.country ?? null,
      current: row ? locationDto(row) : null,
    };
  }

  /** Where the partner is for this session; told to the therapist audience only. */
  async confirmLocation(p: PartnerPrincipal, body: LocationBody): Promise<MyLocationDto> {
    const session = await this.sessions.row(p.sessionId);
    if (!session) throw notFound('No such session.');
    if (sessionClosed(session.status)) throw new AppError(ErrorCode.SESSION_ENDED, 'This session has ended.');
    await this.store.saveLocation({
      session_id: p.sessionId,
      partner_id: p.partnerId,
      usual: body.usual ? 1 : 0,
      address: body.usual ? null : (body.address?.trim() ?? null),
      country: body.usual ? null : body.country,
      private: body.private ? 1 : 0,
      confirmed_at: this.ctx.clock.now(),
    });
    await this.ctx.audit.record({
      actorType: 'partner',
      actorId: p.partnerId,
      action: 'location.confirm',
      sessionId: p.sessionId,
    });
    const mine = await this.myLocation(p);
    if (mine.current) this.publisher.toTherapist(p.sessionId).emit('safety:location', mine.current);
    return mine;
  }

  // ---- the therapist ----

  async coupleSafety(therapistId: string, coupleId: string): Promise<CoupleSafetyDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const [intakes, screenings] = await Promise.all([this.store.intakes(coupleId), this.store.screenings(coupleId)]);
    const partners = couple.partners.map((partner) => {
      const intake = intakes.find((i) => i.partner_id === partner.id);
      return {
        partnerId: partner.id,
        intake: intake ? intakeDto(intake) : null,
        emergency: intake ? emergencyNumberFor(intake.country) : null,
        screenings: screenings.filter((s) => s.partner_id === partner.id).map(screeningDto),
      };
    });
    // A partner's latest answered screening decides their part of the flag.
    const flagged = partners.some((p) => p.screenings.find((s) => s.answeredAt !== null)?.flagged === true);
    const booked = await this.ctx.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('couple_id', '=', coupleId)
      .where('kind', '=', 'joint')
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'safety.view',
      targetId: coupleId,
    });
    return {
      partners,
      flagged,
      consentVersion: TELEHEALTH_CONSENT.version,
      jointPausedAt: couple.jointPausedAt,
      bookedJoint: Number(booked?.n ?? 0),
    };
  }

  /**
   * Pauses joint work (individual sessions only), optionally booking one individual session with each partner in
   * the same click, or resumes it. Silent: nothing is sent to anyone; a partner learns of their own individual
   * session only when the therapist sends its link, and nothing either partner reads changes.
   */
  async setJointWork(
    therapistId: string,
    coupleId: string,
    body: JointWorkBody,
    origin: string,
  ): Promise<{ safety: CoupleSafetyDto; booked: CreatedSessionDto[] }> {
    const couple = await this.couples.get(therapistId, coupleId);
    if (couple.archived) throw new AppError(ErrorCode.CONFLICT, 'This couple is archived.');
    const now = this.ctx.clock.now();
    if (body.paused !== (couple.jointPausedAt !== null)) {
      await this.ctx.db
        .updateTable('couples')
        .set({ joint_paused_at: body.paused ? now : null, updated_at: now })
        .where('id', '=', coupleId)
        .execute();
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: body.paused ? 'couple.joint_pause' : 'couple.joint_resume',
        targetId: coupleId,
      });
    }
    const booked: CreatedSessionDto[] = [];
    if (body.paused && body.bookIndividual) {
      for (const partner of couple.partners) {
        booked.push(
          await this.sessions.create(therapistId, { coupleId, kind: 'individual', partnerId: partner.id }, origin),
        );
      }
    }
    return { safety: await this.coupleSafety(therapistId, coupleId), booked };
  }

  async sendScreening(therapistId: string, coupleId: string, partnerId: string): Promise<CoupleSafetyDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    if (!couple.partners.some((p) => p.id === partnerId)) throw notFound('No such partner.');
    if (await this.store.open(partnerId)) {
      throw new AppError(ErrorCode.CONFLICT, 'This partner has a screening still to answer.');
    }
    const id = randomUUID();
    await this.store.insert({
      id,
      couple_id: coupleId,
      partner_id: partnerId,
      instrument_id: SAFETY_SCREENING_ID,
      instrument_version: SAFETY_SCREENING.version,
      sent_at: this.ctx.clock.now(),
      answered_at: null,
      answers: null,
      score: null,
      flagged: null,
      risk_items: null,
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'screening.send',
      targetId: id,
    });
    return this.coupleSafety(therapistId, coupleId);
  }

  /** Beside each partner in the room: their intake, where they are now, and the emergency number there. */
  async whereabouts(therapistId: string, sessionId: string): Promise<RoomWhereaboutsDto> {
    const session = await this.sessions.ownedRow(therapistId, sessionId);
    const couple = await this.couples.get(therapistId, session.couple_id);
    const [intakes, locations] = await Promise.all([
      this.store.intakes(session.couple_id),
      this.store.locations(sessionId),
    ]);
    const inSession = couple.partners.filter((p) => session.kind === 'joint' || p.id === session.partner_id);
    const partners = inSession.map((partner): PartnerWhereaboutsDto => {
      const intake = intakes.find((i) => i.partner_id === partner.id);
      const location = locations.find((l) => l.partner_id === partner.id);
      const dto: SessionLocationDto | null = location ? locationDto(location) : null;
      const country = dto && !dto.usual ? dto.country : (intake?.country ?? null);
      return {
        partnerId: partner.id,
        intake: intake ? intakeDto(intake) : null,
        location: dto,
        emergency: country ? emergencyNumberFor(country) : null,
      };
    });
    await this.ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'safety.view', sessionId });
    return { sessionId, partners };
  }
}
