/** Storage of the couple's policy versions, the partners' acknowledgements and the moved-items log (issue 15). */
import { randomUUID } from 'node:crypto';
import type {
  ConfidentialityPolicy,
  MovedItemDto,
  MovedItemKind,
  PolicyAckDto,
  PolicyVersionDto,
} from '@tandem/shared';
import { POLICY_LIMITS } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { MovedItemsTable, PolicyAcksTable, PolicyVersionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';

/** The database or a transaction on it. */
type Exec = Db;
const iso = (ms: number | string) => toIso(Number(ms)) ?? '';

export const versionDto = (r: PolicyVersionsTable): PolicyVersionDto => ({
  version: Number(r.version),
  kind: r.kind,
  words: r.words,
  createdAt: iso(r.created_at),
});

export const ackDto = (r: PolicyAcksTable): PolicyAckDto => ({
  partnerId: r.partner_id,
  version: Number(r.version),
  acknowledgedAt: iso(r.acknowledged_at),
});

export const movedDto = (r: MovedItemsTable): MovedItemDto => ({
  id: r.id,
  kind: r.kind,
  itemId: r.item_id,
  movedBy: { type: r.moved_by_type, id: r.moved_by },
  sessionId: r.session_id,
  policyVersion: Number(r.policy_version),
  movedAt: iso(r.moved_at),
});

/** The couple's current policy version (the highest), or undefined for an unknown couple. */
export async function currentPolicy(db: Exec, coupleId: string): Promise<PolicyVersionsTable | undefined> {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Adds the couple's next policy version and mirrors its kind into `couples.policy`. Run it inside a transaction:
 * two concurrent changes compute the same number and the second fails on the primary key (nothing half-written).
 */
export async function addPolicyVersion(
  trx: Exec,
  v: { coupleId: string; kind: ConfidentialityPolicy; words: string | null; by: string | null; at: number },
): Promise<number> {
  const current = await currentPolicy(trx, v.coupleId);
  const version = current ? Number(current.version) + 1 : 1;
  await trx
    .insertInto('policy_versions')
    .values({ couple_id: v.coupleId, version, kind: v.kind, words: v.words, created_by: v.by, created_at: v.at })
    .execute();
  await trx.updateTable('couples').set({ policy: v.kind }).where('id', '=', v.coupleId).execute();
  return version;
}

export interface MoveRecord {
  coupleId: string;
  kind: MovedItemKind;
  /** The card, summary or draft moved: an id, never its words (the log is read by the therapist only anyway). */
  itemId: string;
  by: { type: 'partner' | 'therapist'; id: string };
  sessionId: string | null;
  at: number;
}

/**
 * Logs one item moved from a private space into a shared one, under the couple's policy version current now.
 * The one entry point for every kind (`share_card`, `summary_release`, `draft_reveal`); returns the version used.
 */
export async function recordMove(db: Exec, move: MoveRecord): Promise<number> {
  const policy = await currentPolicy(db, move.coupleId);
  if (!policy) throw new Error('recordMove: the couple has no policy version');
  const version = Number(policy.version);
  await db
    .insertInto('moved_items')
    .values({
      id: randomUUID(),
      couple_id: move.coupleId,
      kind: move.kind,
      item_id: move.itemId,
      moved_by_type: move.by.type,
      moved_by: move.by.id,
      session_id: move.sessionId,
      policy_version: version,
      moved_at: move.at,
    })
    .execute();
  return version;
}

export class PolicyStore {
  constructor(private readonly db: Db) {}

  async versions(coupleId: string): Promise<PolicyVersionsTable[]> {
    return this.db
      .selectFrom('policy_versions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('version', 'desc')
      .limit(POLICY_LIMITS.versions)
      .execute();
  }

  async acks(coupleId: string, partnerId?: string): Promise<PolicyAcksTable[]> {
    let q = this.db.selectFrom('policy_acks').selectAll().where('couple_id', '=', coupleId);
    if (partnerId !== undefined) q = q.where('partner_id', '=', partnerId);
    return q
      .orderBy('acknowledged_at', 'desc')
      .orderBy('version', 'desc')
      .limit(POLICY_LIMITS.versions * 2)
      .execute();
  }

  async moved(coupleId: string): Promise<MovedItemsTable[]> {
    return this.db
      .selectFrom('moved_items')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('moved_at', 'desc')
      .orderBy('id')
      .limit(POLICY_LIMITS.historyItems)
      .execute();
  }

  /** Stores the acknowledgement once; false when this partner had already acknowledged this version. */
  async acknowledge(row: PolicyAcksTable): Promise<boolean> {
    const res = await this.db
      .insertInto('policy_acks')
      .values(row)
      .onConflict((oc) => oc.columns(['partner_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
