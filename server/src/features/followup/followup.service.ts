/**
 * Ending well (issue 14): the couple's case status, the maintenance plan (versioned, saved by the therapist or by
 * a partner editing their own part, audited), and follow-up: the weekly ratings are asked at the booster
 * check-in dates only, and a reliable drop in a partner's ratings flags "offer a booster session" to the
 * therapist. The maintenance plan is the couple's shared document: both partners read all of it.
 */
import {
  ErrorCode,
  FOLLOW_UP_LISTED,
  MAINTENANCE_LIMITS,
  WEEKLY_RATINGS_ID,
  boosterDrop,
  builtinInstrument,
  docName,
  flagThreshold,
  followUpCheck,
  followUpDueDates,
  type BoosterFlagDto,
  type CaseStatus,
  type FollowUpCheckDto,
  type FollowUpDto,
  type MaintenanceContent,
  type MaintenanceMapDto,
  type MaintenancePartnerPart,
  type MaintenancePlanDto,
  type PartnerFollowUpDto,
} from '@tandem/shared';
import { maintenanceContentSchema } from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import { toIso } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import { PartnersStore } from '../couples/partners.store.js';
import type { MapService } from '../map/map.service.js';
import { instrumentDirection } from '../plan/progress.compute.js';
import { mapContent } from '../record/mapChanges.js';
import type { CasePrincipal } from '../between/caseLinks.service.js';

const iso = (ms: number) => toIso(ms) ?? '';

/** Which moves the therapist may make: forward through the ending, or back to therapy from either. */
const MOVES: Record<CaseStatus, CaseStatus[]> = {
  active: ['ending'],
  ending: ['follow-up', 'active'],
  'follow-up': ['active', 'ending'],
};

const EMPTY: MaintenanceContent = {
  a: { warningSigns: '', commitments: '' },
  b: { warningSigns: '', commitments: '' },
  pauseRitual: '',
  comeBack: '',
  includeMap: true,
};

type Saver = { type: 'therapist' | 'partner'; id: string };

export class FollowUpService {
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
    private readonly map: MapService,
  ) {
    this.partners = new PartnersStore(ctx.db);
  }

  // ---- the therapist ----

  async view(therapistId: string, coupleId: string): Promise<FollowUpDto> {
    const couple = await this.couples.get(therapistId, coupleId);
    const { status, since } = await this.status(coupleId);
    const [plan, versions] = await Promise.all([this.latest(coupleId), this.versions(coupleId)]);
    const now = this.ctx.clock.now();
    const inFollowUp = status === 'follow-up' && since !== null;
    return {
      coupleId,
      partners: couple.partners.map((p) => ({ id: p.id, slot: p.slot, displayName: p.displayName })),
      status,
      statusSince: since === null ? null : iso(since),
      plan,
      versions,
      cadence: inFollowUp
        ? {
            dates: followUpDueDates(since, FOLLOW_UP_LISTED).map(iso),
            next: iso(followUpCheck(since, now, []).next),
          }
        : null,
      boosters: inFollowUp ? await this.boosters(coupleId, since) : [],
    };
  }

  async setStatus(therapistId: string, coupleId: string, next: CaseStatus): Promise<FollowUpDto> {
    await this.couples.get(therapistId, coupleId);
    const { status } = await this.status(coupleId);
    if (status !== next) {
      if (!MOVES[status].includes(next)) {
        throw new AppError(ErrorCode.CONFLICT, `A case cannot move from ${status} to ${next}.`);
      }
      const now = this.ctx.clock.now();
      await this.ctx.db
        .updateTable('couples')
        .set({ case_status: next, case_status_at: now, updated_at: now })
        .where('id', '=', coupleId)
        .where('case_status', '=', status)
        .execute();
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: therapistId,
        action: 'case.status',
        targetId: coupleId,
      });
    }
    return this.view(therapistId, coupleId);
  }

  async savePlan(therapistId: string, coupleId: string, content: MaintenanceContent): Promise<FollowUpDto> {
    await this.couples.get(therapistId, coupleId);
    await this.save(coupleId, content, { type: 'therapist', id: therapistId });
    return this.view(therapistId, coupleId);
  }

  async version(therapistId: string, coupleId: string, version: number): Promise<MaintenancePlanDto> {
    await this.couples.get(therapistId, coupleId);
    const row = await this.ctx.db
      .selectFrom('maintenance_versions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw notFound('No such version.');
    return planDto(row);
  }

  // ---- the partner ----

  async forPartner(p: Pick<CasePrincipal, 'partnerId' | 'coupleId'>): Promise<PartnerFollowUpDto> {
    const { status, since } = await this.status(p.coupleId);
    const partners = await this.partners.ofCouple(p.coupleId);
    const slot = await this.slotOf(p);
    const plan = await this.latest(p.coupleId);
    return {
      status,
      slot,
      partners: partners.map((x) => ({ slot: x.slot, displayName: x.display_name })),
      // The plan is written when therapy is ending; before, there is nothing to read.
      plan: status === 'active' ? null : plan,
      check: status === 'follow-up' && since !== null ? await this.check(p, since) : null,
    };
  }

  /** A partner rewrites their own warning signs and commitments (a new version); never the other's part. */
  async savePart(p: Pick<CasePrincipal, 'partnerId' | 'coupleId'>, part: MaintenancePartnerPart) {
    const { status } = await this.status(p.coupleId);
    if (status === 'active') throw new AppError(ErrorCode.CONFLICT, 'There is no maintenance plan to edit yet.');
    const slot = await this.slotOf(p);
    const latest = await this.latest(p.coupleId);
    const content = { ...(latest?.content ?? EMPTY), [slot]: part };
    await this.save(p.coupleId, content, { type: 'partner', id: p.partnerId });
    return this.forPartner(p);
  }

  /**
   * The weekly ratings' gate: in follow-up they are asked only at a check-in date (a change to this week's answer
   * stays allowed). Throws CONFLICT when nothing is due.
   */
  async assertWeeklyOpen(p: Pick<CasePrincipal, 'partnerId' | 'coupleId'>, answeredThisWeek: boolean): Promise<void> {
    const { status, since } = await this.status(p.coupleId);
    if (status !== 'follow-up' || since === null || answeredThisWeek) return;
    if (!(await this.check(p, since)).due) {
      throw new AppError(ErrorCode.CONFLICT, 'No check-in is due yet.');
    }
  }

  // ---- helpers ----

  private async status(coupleId: string): Promise<{ status: CaseStatus; since: number | null }> {
    const row = await this.ctx.db
      .selectFrom('couples')
      .select(['case_status', 'case_status_at'])
      .where('id', '=', coupleId)
      .executeTakeFirst();
    if (!row) throw notFound('No such couple.');
    return { status: row.case_status, since: row.case_status_at === null ? null : Number(row.case_status_at) };
  }

  private async slotOf(p: Pick<CasePrincipal, 'partnerId' | 'coupleId'>): Promise<'a' | 'b'> {
    const partner = (await this.partners.ofCouple(p.coupleId)).find((x) => x.id === p.partnerId);
    if (!partner) throw notFound('No such partner.');
    return partner.slot;
  }

  private async weeklyTimes(coupleId: string, partnerId?: string) {
    let q = this.ctx.db
      .selectFrom('measure_responses')
      .select(['partner_id', 'answered_at', 'score'])
      .where('couple_id', '=', coupleId)
      .where('instrument_id', '=', WEEKLY_RATINGS_ID)
      .where('score', 'is not', null);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    const rows = await q.orderBy('answered_at').execute();
    return rows.map((r) => ({ partnerId: r.partner_id, at: Number(r.answered_at), value: Number(r.score) }));
  }

  private async check(p: Pick<CasePrincipal, 'partnerId' | 'coupleId'>, since: number): Promise<FollowUpCheckDto> {
    const answered = (await this.weeklyTimes(p.coupleId, p.partnerId)).map((r) => r.at);
    const c = followUpCheck(since, this.ctx.clock.now(), answered);
    return { due: c.due, dueSince: c.dueSince === null ? null : iso(c.dueSince), next: iso(c.next) };
  }

  private async boosters(coupleId: string, since: number): Promise<BoosterFlagDto[]> {
    const def = builtinInstrument(WEEKLY_RATINGS_ID);
    if (!def) return [];
    const threshold = flagThreshold(def.reliableChange, def.range);
    const direction = instrumentDirection(def);
    const [partners, rows] = await Promise.all([this.partners.ofCouple(coupleId), this.weeklyTimes(coupleId)]);
    return partners.flatMap((partner) => {
      const points = rows.filter((r) => r.partnerId === partner.id).map(({ at, value }) => ({ at, value }));
      const drop = boosterDrop(points, since, threshold, direction);
      return drop ? [{ slot: partner.slot, partnerId: partner.id, ...drop, threshold }] : [];
    });
  }

  private async latest(coupleId: string): Promise<MaintenancePlanDto | null> {
    const row = await this.ctx.db
      .selectFrom('maintenance_versions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row ? planDto(row) : null;
  }

  private async versions(coupleId: string) {
    const rows = await this.ctx.db
      .selectFrom('maintenance_versions')
      .select(['version', 'saved_at'])
      .where('couple_id', '=', coupleId)
      .orderBy('version', 'desc')
      .limit(MAINTENANCE_LIMITS.versionsListed)
      .execute();
    return rows.map((r) => ({ version: Number(r.version), savedAt: iso(Number(r.saved_at)) }));
  }

  /** The next version, with the cycle map's picture as it stands now when kept. Two saves at once: retried. */
  private async save(coupleId: string, content: MaintenanceContent, by: Saver): Promise<void> {
    const now = this.ctx.clock.now();
    let map: MaintenanceMapDto | null = null;
    if (content.includeMap) {
      const { nodes, edges } = mapContent(await this.map.currentState(docName({ kind: 'map', id: coupleId })));
      map = { nodes, edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })), takenAt: iso(now) };
    }
    for (let attempt = 0; ; attempt++) {
      const latest = await this.ctx.db
        .selectFrom('maintenance_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('couple_id', '=', coupleId)
        .executeTakeFirst();
      const version = Number(latest?.v ?? 0) + 1;
      try {
        await this.ctx.db
          .insertInto('maintenance_versions')
          .values({
            couple_id: coupleId,
            version,
            content: JSON.stringify(content),
            map: map === null ? null : JSON.stringify(map),
            saved_by_type: by.type,
            saved_by: by.id,
            saved_at: now,
          })
          .execute();
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
    await this.ctx.audit.record({
      actorType: by.type,
      actorId: by.id,
      action: 'maintenance.save',
      targetId: coupleId,
    });
  }
}

function planDto(row: { version: number; saved_at: number; content: string; map: string | null }) {
  return {
    version: Number(row.version),
    savedAt: iso(Number(row.saved_at)),
    // Validated on save; parsed again so a hand-edited row never reaches a client.
    content: maintenanceContentSchema.parse(JSON.parse(row.content)),
    map: row.map === null ? null : (JSON.parse(row.map) as MaintenanceMapDto),
  } satisfies MaintenancePlanDto;
}
