import { randomUUID } from 'node:crypto';
import type { CoupleDto, CreateCoupleBody, PartnerDto, UpdateCoupleBody } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { CouplesTable, PartnersTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { addPolicyVersion } from '../policy/policy.store.js';
import { PartnersStore } from './partners.store.js';
import { Scope, couplesVisibleTo } from '../../access/scope.js';

function partnerDto(p: PartnersTable): PartnerDto {
  return { id: p.id, slot: p.slot, displayName: p.display_name, language: p.language };
}

function coupleDto(c: CouplesTable, partners: PartnersTable[]): CoupleDto {
  return {
    id: c.id,
    name: c.name,
    policy: c.policy,
    archived: c.archived_at !== null,
    partners: partners
      .filter((p) => p.couple_id === c.id)
      .sort((a, b) => a.slot.localeCompare(b.slot))
      .map(partnerDto),
    createdAt: toIso(c.created_at) ?? '',
    jointPausedAt: toIso(c.joint_paused_at),
    contacts: partners
      .filter((p) => p.couple_id === c.id)
      .sort((a, b) => a.slot.localeCompare(b.slot))
      .map((p) => ({ partnerId: p.id, email: p.email, timeZone: p.time_zone })),
  };
}

/** Couples belong to one clinician and may be shared with others; every read and write checks the access scope. */
export class CouplesService {
  private readonly partners: PartnersStore;
  private readonly scope: Scope;

  constructor(private readonly ctx: AppContext) {
    this.partners = new PartnersStore(ctx.db);
    this.scope = new Scope(ctx.db);
  }

  /** The couples this person may see (their own and those shared with them; none unless active and clinical). */
  async list(therapistId: string, archived: boolean): Promise<CoupleDto[]> {
    const couples = await this.ctx.db
      .selectFrom('couples')
      .selectAll()
      .where(couplesVisibleTo(therapistId))
      .where('archived_at', archived ? 'is not' : 'is', null)
      .orderBy('name')
      .execute();
    if (couples.length === 0) return [];
    const partners = await this.partners.ofCouples(couples.map((c) => c.id));
    return couples.map((c) => coupleDto(c, partners));
  }

  /** The couple if this person may see it (own or shared, active and clinical); NOT_FOUND / FORBIDDEN otherwise. */
  async get(therapistId: string, coupleId: string): Promise<CoupleDto> {
    const standing = await this.scope.couple(therapistId, coupleId);
    if (standing === 'missing') throw notFound('No such couple.');
    if (standing === 'none') throw forbidden();
    const couple = await this.ctx.db.selectFrom('couples').selectAll().where('id', '=', coupleId).executeTakeFirst();
    if (!couple) throw notFound('No such couple.');
    const partners = await this.partners.ofCouple(coupleId);
    return coupleDto(couple, partners);
  }

  async create(therapistId: string, body: CreateCoupleBody): Promise<CoupleDto> {
    // Only someone who sees clinical data takes on a couple (an admin who is not also a clinician does not).
    if (!(await this.scope.clinicalActive(therapistId))) throw forbidden('Only a clinician can take on a couple.');
    const id = randomUUID();
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('couples')
        .values({
          id,
          therapist_id: therapistId,
          name: body.name,
          policy: body.policy,
          archived_at: null,
          created_at: now,
          updated_at: now,
          case_status: 'active',
          case_status_at: null,
        })
        .execute();
      await trx
        .insertInto('partners')
        .values(
          body.partners.map((p, i) => ({
            id: randomUUID(),
            couple_id: id,
            slot: i === 0 ? ('a' as const) : ('b' as const),
            display_name: p.displayName,
            language: p.language,
            email: p.email ?? null,
            time_zone: p.timeZone ?? null,
          })),
        )
        .execute();
      await addPolicyVersion(trx, { coupleId: id, kind: body.policy, words: null, by: therapistId, at: now });
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'couple.create',
      targetId: id,
    });
    return this.get(therapistId, id);
  }

  async update(therapistId: string, coupleId: string, body: UpdateCoupleBody): Promise<CoupleDto> {
    const current = await this.get(therapistId, coupleId);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('couples')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.archived !== undefined ? { archived_at: body.archived ? now : null } : {}),
          updated_at: now,
        })
        .where('id', '=', coupleId)
        .execute();
      // A different policy from the couple's form is a new version (kept, never overwritten).
      if (body.policy !== undefined && body.policy !== current.policy) {
        await addPolicyVersion(trx, { coupleId, kind: body.policy, words: null, by: therapistId, at: now });
      }
      if (body.partners) {
        for (const [i, p] of body.partners.entries()) {
          const existing = current.partners[i];
          if (!existing) continue;
          await trx
            .updateTable('partners')
            .set({
              display_name: p.displayName,
              language: p.language,
              ...(p.email !== undefined ? { email: p.email } : {}),
              ...(p.timeZone !== undefined ? { time_zone: p.timeZone } : {}),
            })
            .where('id', '=', existing.id)
            .execute();
        }
      }
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'couple.update',
      targetId: coupleId,
    });
    return this.get(therapistId, coupleId);
  }
}
