import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import {
  SECURITY_LIMITS,
  type AuditActorType,
  type AuditPageDto,
  type AuditQuery,
  type AuditRowDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { PartnersStore } from '../couples/partners.store.js';
import { toCsv } from './csv.js';

type AuditQueryBuilder = SelectQueryBuilder<Database, 'audit_log', object>;

/**
 * Rows that concern a couple: the couple itself, one of its sessions, or one of its partners (`partnerIds`, as
 * actor or target).
 */
function aboutCouple(coupleId: string, partnerIds: string[]) {
  // An empty `in` list is not valid SQL: a couple always has its two partners, but stay correct without.
  const partners = partnerIds.length > 0 ? partnerIds : [''];
  return (eb: ExpressionBuilder<Database, 'audit_log'>) => {
    return eb.or([
      eb('audit_log.target_id', '=', coupleId),
      eb(
        'audit_log.session_id',
        'in',
        eb.selectFrom('sessions').select('sessions.id').where('sessions.couple_id', '=', coupleId),
      ),
      eb('audit_log.target_id', 'in', partners),
      eb('audit_log.actor_id', 'in', partners),
    ]);
  };
}

const CSV_HEADER = ['time', 'actor_type', 'actor_id', 'action', 'session_id', 'target_id'];

/** The audit log as the practice's owner reads it: filtered, a page at a time, or whole as CSV. Ids only. */
export class AuditViewService {
  private readonly partners: PartnersStore;
  constructor(private readonly ctx: AppContext) {
    this.partners = new PartnersStore(ctx.db);
  }

  private async filtered(q: AuditQuery): Promise<AuditQueryBuilder> {
    let query = this.ctx.db.selectFrom('audit_log') as AuditQueryBuilder;
    if (q.person) {
      const person = q.person;
      query = query.where((eb) =>
        eb.or([eb('audit_log.actor_id', '=', person), eb('audit_log.target_id', '=', person)]),
      );
    }
    if (q.couple) {
      const partnerIds = (await this.partners.ofCouple(q.couple)).map((p) => p.id);
      query = query.where(aboutCouple(q.couple, partnerIds));
    }
    if (q.action) query = query.where('audit_log.action', '=', q.action);
    if (q.from !== undefined) query = query.where('audit_log.at', '>=', q.from);
    if (q.to !== undefined) query = query.where('audit_log.at', '<', q.to);
    return query;
  }

  async page(ownerId: string, q: AuditQuery): Promise<AuditPageDto> {
    await this.ctx.limits.consume('auditReadsPerTherapist', ownerId);
    const pageSize = SECURITY_LIMITS.auditPageSize;
    const page = q.page ?? 1;
    const filtered = await this.filtered(q);
    const [rows, count, actions, therapists, partners, couples] = await Promise.all([
      filtered
        .selectAll('audit_log')
        .orderBy('audit_log.at', 'desc')
        .orderBy('audit_log.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      this.ctx.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
      this.ctx.db.selectFrom('therapists').select(['id', 'name']).orderBy('name').execute(),
      this.partners.allWithCouple(),
      this.ctx.db.selectFrom('couples').select(['id', 'name']).orderBy('name').execute(),
    ]);
    await this.ctx.audit.record({ actorType: 'therapist', actorId: ownerId, action: 'audit.view' });
    return {
      rows: rows.map(toRow),
      page,
      pageSize,
      total: Number(count?.n ?? 0),
      actions: actions.map((a) => a.action),
      people: [
        ...therapists.map((t) => ({ id: t.id, name: t.name })),
        ...partners.map((p) => ({ id: p.id, name: `${p.displayName} (${p.coupleName})` })),
      ],
      couples: couples.map((c) => ({ id: c.id, name: c.name })),
    };
  }

  /** Every matching row (up to the cap), oldest first, as CSV. */
  async csv(ownerId: string, q: AuditQuery): Promise<string> {
    await this.ctx.limits.consume('auditExportsPerTherapist', ownerId);
    const rows = await (
      await this.filtered(q)
    )
      .selectAll('audit_log')
      .orderBy('audit_log.at', 'asc')
      .orderBy('audit_log.id', 'asc')
      .limit(SECURITY_LIMITS.auditCsvMaxRows)
      .execute();
    await this.ctx.audit.record({ actorType: 'therapist', actorId: ownerId, action: 'audit.export' });
    return toCsv([
      CSV_HEADER,
      ...rows.map(toRow).map((r) => [r.at, r.actorType, r.actorId, r.action, r.sessionId, r.targetId]),
    ]);
  }
}

function toRow(r: {
  id: string;
  at: number;
  actor_type: AuditActorType;
  actor_id: string | null;
  action: string;
  session_id: string | null;
  target_id: string | null;
}): AuditRowDto {
  return {
    id: r.id,
    at: new Date(Number(r.at)).toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    sessionId: r.session_id,
    targetId: r.target_id,
  };
}
