import { randomUUID } from 'node:crypto';
import type { ProtocolStep, SafetyProtocolView, StopSignalAlert } from '@tandem/shared';
import { PartnersStore } from '../couples/partners.store.js';
import type { Db } from '../../db/database.js';
import type { SafetyProtocolsTable } from '../../db/schema.js';

/** Steps during which the protocol still has something to do. */
const ACTIVE: readonly ProtocolStep[] = ['pause', 'first', 'second'];

export type ProtocolRow = SafetyProtocolsTable;

/** Storage of stop signals, agreed labels and the protocol's step (so nothing is lost on restart). */
export class SafetyStore {
  private readonly partners: PartnersStore;

  constructor(private readonly db: Db) {
    this.partners = new PartnersStore(db);
  }

  /** Stores one signal; false when its id was already stored (the same press sent twice, or a replay). */
  async addSignal(id: string, sessionId: string, partnerId: string, at: number): Promise<boolean> {
    const rows = await this.db
      .insertInto('stop_signals')
      .values({ id, session_id: sessionId, partner_id: partnerId, at, dismissed_at: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /** One entry per partner with signals not yet dismissed, oldest partner first. */
  async openAlerts(sessionId: string): Promise<StopSignalAlert[]> {
    const rows = await this.db
      .selectFrom('stop_signals')
      .select(({ fn }) => [
        'stop_signals.partner_id as partnerId',
        fn.max('stop_signals.at').as('latest'),
        fn.countAll().as('count'),
      ])
      .where('stop_signals.session_id', '=', sessionId)
      .where('stop_signals.dismissed_at', 'is', null)
      .groupBy('stop_signals.partner_id')
      .orderBy('latest')
      .execute();
    const names = await this.partners.displayNames(rows.map((r) => r.partnerId));
    return rows.map((r) => ({
      partnerId: r.partnerId,
      name: names.get(r.partnerId) ?? '',
      at: new Date(Number(r.latest)).toISOString(),
      count: Number(r.count),
    }));
  }

  /** Every signal of a session, oldest first (the therapist's session record). */
  async ofSession(sessionId: string): Promise<{ partnerId: string; at: number; dismissedAt: number | null }[]> {
    const rows = await this.db
      .selectFrom('stop_signals')
      .select(['partner_id', 'at', 'dismissed_at'])
      .where('session_id', '=', sessionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      partnerId: r.partner_id,
      at: Number(r.at),
      dismissedAt: r.dismissed_at === null ? null : Number(r.dismissed_at),
    }));
  }

  async dismiss(sessionId: string, partnerId: string, now: number): Promise<number> {
    const res = await this.db
      .updateTable('stop_signals')
      .set({ dismissed_at: now })
      .where('session_id', '=', sessionId)
      .where('partner_id', '=', partnerId)
      .where('dismissed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async activeProtocol(sessionId: string): Promise<ProtocolRow | undefined> {
    return this.db
      .selectFrom('safety_protocols')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('step', 'in', ACTIVE)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
  }

  async startProtocol(
    row: Omit<ProtocolRow, 'id' | 'step' | 'started_at' | 'updated_at'>,
    now: number,
  ): Promise<ProtocolRow> {
    const full: ProtocolRow = { ...row, id: randomUUID(), step: 'pause', started_at: now, updated_at: now };
    await this.db.insertInto('safety_protocols').values(full).execute();
    return full;
  }

  /** Moves the protocol from one step to the next; false when it was no longer at `from` (another call moved it). */
  async advance(id: string, from: ProtocolStep, to: ProtocolStep, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('safety_protocols')
      .set({ step: to, updated_at: now })
      .where('id', '=', id)
      .where('step', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}

export function protocolView(row: ProtocolRow): SafetyProtocolView {
  return {
    id: row.id,
    firstPartnerId: row.first_partner_id,
    secondPartnerId: row.second_partner_id,
    step: row.step,
    startedAt: new Date(Number(row.started_at)).toISOString(),
  };
}
