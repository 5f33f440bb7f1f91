/**
 * Deleting a couple (all of it) or one partner's data. Order: live sessions of the couple end first (everyone is
 * told and disconnected), then the Yjs docs leave memory (their connections close, nothing more is stored), then
 * every row goes in one transaction and the docs' stored updates and snapshots after it. The audit log records
 * who, which ids and how many rows per table: never what was deleted.
 */
import { docName, ErrorCode, type ErasureResultDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { PartnersStore } from '../couples/partners.store.js';
import { ErasureStore, type ErasedCounts } from './erasure.store.js';

/** Who deletes: a person (the couple's clinician or the owner), or the retention sweep. */
export type ErasureActor = { kind: 'therapist'; therapistId: string } | { kind: 'retention' };

export interface ErasureDeps {
  /** Ends a live or scheduled session for everyone (as its therapist would). */
  endSession(therapistId: string, sessionId: string): Promise<void>;
  /** Drops loaded docs and closes their connections (CollabServer.purge). */
  purgeDocs(names: ReadonlySet<string>, reason: string): Promise<void>;
  /** Deletes docs' stored updates and snapshots (CollabStore.erase). */
  eraseDocs(names: readonly string[]): Promise<{ updates: number; snapshots: number }>;
}

const squash = (s: string) => s.trim().normalize('NFC').toLocaleLowerCase();

export class ErasureService {
  private readonly store: ErasureStore;
  private readonly partners: PartnersStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: ErasureDeps,
  ) {
    this.store = new ErasureStore(ctx.db);
    this.partners = new PartnersStore(ctx.db);
  }

  private async couple(coupleId: string): Promise<{ id: string; name: string }> {
    const row = await this.ctx.db
      .selectFrom('couples')
      .select(['id', 'name'])
      .where('id', '=', coupleId)
      .executeTakeFirst();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such couple.');
    return row;
  }

  /** The typed name must be the couple's (or partner's): a deletion is never one click away. */
  private static confirm(expected: string, typed: string | null): void {
    if (typed !== null && squash(expected) !== squash(typed)) {
      throw new AppError(ErrorCode.BAD_REQUEST, 'Type the name exactly as shown to confirm.');
    }
  }

  /** Deletes the couple and everything of it. `confirmName` null: the retention sweep (no one to type it). */
  async eraseCouple(actor: ErasureActor, coupleId: string, confirmName: string | null): Promise<ErasureResultDto> {
    const couple = await this.couple(coupleId);
    ErasureService.confirm(couple.name, confirmName);
    const partnerIds = (await this.partners.ofCouple(coupleId)).map((p) => p.id);
    const sessions = await this.store.sessionsWithStatus(coupleId);
    for (const s of sessions) {
      if (s.status === 'live' || s.status === 'scheduled') await this.deps.endSession(s.therapistId, s.id);
    }
    const docs = [
      docName({ kind: 'map', id: coupleId }),
      ...partnerIds.flatMap((id) => [docName({ kind: 'panel', id }), docName({ kind: 'board', id })]),
      ...sessions.map((s) => docName({ kind: 'notes', id: s.id })),
    ];
    await this.deps.purgeDocs(new Set(docs), 'This couple’s data was deleted.');
    const rows = await this.store.eraseCouple(coupleId, partnerIds);
    const documents = await this.eraseDocs(docs, rows);
    await this.ctx.audit.record({
      actorType: actor.kind === 'therapist' ? 'therapist' : 'system',
      actorId: actor.kind === 'therapist' ? actor.therapistId : null,
      action: actor.kind === 'therapist' ? 'couple.delete' : 'retention.delete',
      targetId: coupleId,
      detail: { ...rows, documents },
    });
    return { rows: rows as Record<string, number>, documents };
  }

  /** Deletes one partner's data; the couple, the other partner and the shared map stay. */
  async erasePartner(
    therapistId: string,
    coupleId: string,
    partnerId: string,
    confirmName: string,
  ): Promise<ErasureResultDto> {
    await this.couple(coupleId);
    const partner = (await this.partners.ofCouple(coupleId)).find((p) => p.id === partnerId);
    if (!partner) throw new AppError(ErrorCode.NOT_FOUND, 'No such partner in this couple.');
    ErasureService.confirm(partner.display_name, confirmName);
    // Every device and link of theirs stops working now: live connections close.
    for (const s of await this.store.sessionsWithStatus(coupleId)) {
      this.ctx.credentialEnds.end({ kind: 'guest', sessionId: s.id, partnerId, grantHashes: 'all', reason: 'revoked' });
    }
    const docs = [docName({ kind: 'panel', id: partnerId }), docName({ kind: 'board', id: partnerId })];
    await this.deps.purgeDocs(new Set(docs), 'This partner’s data was deleted.');
    const rows = await this.store.erasePartner(coupleId, partnerId);
    const documents = await this.eraseDocs(docs, rows);
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'partner.data_delete',
      targetId: partnerId,
      detail: { ...rows, documents },
    });
    return { rows: rows as Record<string, number>, documents };
  }

  private async eraseDocs(names: readonly string[], rows: ErasedCounts): Promise<number> {
    const erased = await this.deps.eraseDocs(names);
    if (erased.updates) rows.collab_updates = erased.updates;
    if (erased.snapshots) rows.collab_snapshots = erased.snapshots;
    return names.length;
  }
}
