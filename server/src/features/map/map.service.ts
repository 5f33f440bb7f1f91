import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  CloseCode,
  DOC_LIMITS,
  parseDocName,
  type MapRestoreDto,
  type MapSharePayload,
  type MapShareResult,
  type MapSnapshotDto,
  type MapSnapshotStateDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { CollabServer } from '../../collab/collabServer.js';
import { asBuffer } from '../../collab/collabStore.js';
import type { SessionsTable } from '../../db/schema.js';
import { toIso } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { CouplesService } from '../couples/couples.service.js';
import type { CollabContext } from './docAccess.js';
import { rulesFor } from './content.js';
import { judgeUpdate } from './docGuard.js';
import type { MapLocks } from './mapLock.js';
import { restoreContent } from './restore.js';
import { SERVER_ORIGIN, shareFromPanel, type ShareDeps, type Sharer } from './share.js';
import { workspaceDocOf } from './workspace.js';

/** The conflict-cycle map: who may open which doc, the therapist's lock, and per-session snapshots. */
export class MapService {
  collab: CollabServer<CollabContext> | null = null;
  /** Resolves once every doc write so far is stored (set by the app: the collab store's drain). */
  durable: () => Promise<void> = () => Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly couples: CouplesService,
    private readonly locks: MapLocks,
  ) {}

  /**
   * Collab `writeGate` hook: what a partner's update to the couple's map needs to know first, read from storage
   * now (mapLock.ts); null for every other writer and doc.
   */
  writeGate(c: CollabContext, name: string): boolean | Promise<boolean> | null {
    if (c.role !== 'partner' || !name.startsWith('map.')) return null;
    return this.lockGate(c.coupleId);
  }

  /** The couple's lock now: a boolean, or a read under way (mapLock.ts). */
  lockGate(coupleId: string): boolean | Promise<boolean> {
    return this.locks.current(coupleId);
  }

  /**
   * Collab `canWrite` hook, on every update of every doc: the content rules of the doc's kind for everyone
   * (content.ts); on the couple's map a partner adds and edits only on their own side, and nothing while the
   * therapist has it locked (`barred`: the lock as `writeGate` read it for this update); a partner's individual
   * board and panel are theirs (a therapist never writes a panel).
   */
  canWrite(c: CollabContext, name: string, update: Uint8Array, doc: Y.Doc, barred: boolean): boolean {
    const ref = parseDocName(name);
    if (!ref) return false;
    const readOnly = c.readOnly === true || (c.role === 'therapist' && ref.kind === 'panel');
    const partnerOnMap = c.role === 'partner' && ref.kind === 'map';
    const rules = rulesFor(ref.kind, partnerOnMap ? c.slot : null);
    return judgeUpdate(doc, update, rules, DOC_LIMITS.keyChars, ({ changes, refusal }) => {
      // Nothing new (e.g. a fresh client's step 2, a reader's too): no edit to refuse.
      if (!changes) return true;
      if (readOnly) return false;
      if (partnerOnMap && (barred || !c.slot)) return false;
      if (refusal !== null) this.ctx.logger.info({ doc: ref.kind, role: c.role, why: refusal }, 'update refused');
      return refusal === null;
    });
  }

  /** A partner's "share with the room": checked and written by the server (share.ts). */
  share(who: Sharer, payload: MapSharePayload): Promise<MapShareResult> {
    return shareFromPanel(this.writeDeps(), who, payload);
  }

  /** What a server-side write into the couple's map needs (share.ts, and the drafts' reveal). */
  writeDeps(): ShareDeps {
    const collab = this.collab;
    if (!collab) throw new Error('collab not ready');
    return {
      ctx: this.ctx,
      withDoc: (name, fn) => collab.withDoc(name, fn),
      isLocked: (coupleId) => this.loadLock(coupleId),
      durable: () => this.durable(),
    };
  }

  /** Whether the couple's map is locked now (read from storage). */
  loadLock(coupleId: string): Promise<boolean> {
    return this.locks.read(coupleId);
  }

  setLock(coupleId: string, locked: boolean): Promise<void> {
    return this.locks.set(coupleId, locked);
  }

  /** Keeps a copy of the session's workspace as it is now (called when a session ends). */
  async snapshotSession(session: SessionsTable): Promise<void> {
    const name = workspaceDocOf(session);
    const collab = this.collab;
    if (!collab) return;
    const state = await collab.withDoc(name, (doc) => Y.encodeStateAsUpdate(doc));
    await this.ctx.db
      .insertInto('map_snapshots')
      .values({
        id: randomUUID(),
        couple_id: session.couple_id,
        session_id: session.id,
        doc_name: name,
        state: asBuffer(state),
        created_at: this.ctx.clock.now(),
      })
      .execute();
  }

  /** A doc's current state (for the record of a session still live); null before the collab server is up. */
  async currentState(name: string): Promise<Uint8Array | null> {
    const collab = this.collab;
    if (!collab) return null;
    return collab.withDoc(name, (doc) => Y.encodeStateAsUpdate(doc));
  }

  /** Drops partners' collab connections of a session (it ended, or their link was revoked). */
  disconnectPartners(sessionId: string, partnerId?: string): void {
    this.collab?.disconnectWhere(
      (c) => c.sessionId === sessionId && (partnerId === undefined || c.partnerId === partnerId),
      CloseCode.SESSION_ENDED,
      'The session has ended.',
    );
  }

  /** A couple's kept map copies with their sessions' ids and kinds, oldest or newest first (no content). */
  private keptOf(coupleId: string, order: 'asc' | 'desc') {
    return this.ctx.db
      .selectFrom('map_snapshots')
      .innerJoin('sessions', 'sessions.id', 'map_snapshots.session_id')
      .select([
        'map_snapshots.id',
        'map_snapshots.session_id',
        'map_snapshots.doc_name',
        'map_snapshots.created_at',
        'sessions.title',
        'sessions.kind',
        'sessions.couple_id',
        'sessions.partner_id',
      ])
      .where('map_snapshots.couple_id', '=', coupleId)
      .orderBy('map_snapshots.created_at', order)
      .execute();
  }

  /**
   * The map kept when each of a couple's sessions ended: per session, its workspace's latest kept copy (a session
   * ended twice, or restored, keeps its last). Ids and times only; `keptState` reads one copy's content.
   */
  async keptBySession(coupleId: string): Promise<Map<string, { id: string; docName: string; keptAt: number }>> {
    const rows = await this.keptOf(coupleId, 'asc');
    const out = new Map<string, { id: string; docName: string; keptAt: number }>();
    for (const r of rows) {
      if (r.doc_name !== workspaceDocOf(r)) continue;
      out.set(r.session_id, { id: r.id, docName: r.doc_name, keptAt: Number(r.created_at) });
    }
    return out;
  }

  /** One kept copy's Yjs state. */
  async keptState(snapshotId: string): Promise<Uint8Array | null> {
    const row = await this.ctx.db
      .selectFrom('map_snapshots')
      .select('state')
      .where('id', '=', snapshotId)
      .executeTakeFirst();
    return row ? new Uint8Array(row.state) : null;
  }

  async history(therapistId: string, coupleId: string): Promise<MapSnapshotDto[]> {
    await this.couples.get(therapistId, coupleId);
    const rows = await this.keptOf(coupleId, 'desc');
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.session_id,
      sessionTitle: r.title,
      sessionKind: r.kind,
      docName: r.doc_name,
      createdAt: toIso(r.created_at) ?? '',
    }));
  }

  async snapshot(therapistId: string, snapshotId: string): Promise<MapSnapshotStateDto> {
    const row = await this.ctx.db
      .selectFrom('map_snapshots')
      .innerJoin('sessions', 'sessions.id', 'map_snapshots.session_id')
      .select([
        'map_snapshots.id',
        'map_snapshots.session_id',
        'map_snapshots.doc_name',
        'map_snapshots.created_at',
        'map_snapshots.state',
        'sessions.title',
        'sessions.kind',
        'sessions.couple_id',
      ])
      .where('map_snapshots.id', '=', snapshotId)
      .executeTakeFirst();
    if (!row) throw notFound('No such snapshot.');
    await this.couples.get(therapistId, row.couple_id);
    return {
      id: row.id,
      sessionId: row.session_id,
      sessionTitle: row.title,
      sessionKind: row.kind,
      docName: row.doc_name,
      createdAt: toIso(row.created_at) ?? '',
      state: Buffer.from(row.state).toString('base64'),
    };
  }

  /**
   * Therapist: set the live doc back to a kept snapshot, for everyone connected (restore.ts), once it is
   * stored; audited with ids only.
   */
  async restore(therapistId: string, snapshotId: string): Promise<MapRestoreDto> {
    const row = await this.ctx.db
      .selectFrom('map_snapshots')
      .innerJoin('sessions', 'sessions.id', 'map_snapshots.session_id')
      .select(['map_snapshots.doc_name', 'map_snapshots.state', 'map_snapshots.session_id', 'sessions.couple_id'])
      .where('map_snapshots.id', '=', snapshotId)
      .executeTakeFirst();
    if (!row) throw notFound('No such snapshot.');
    await this.couples.get(therapistId, row.couple_id);
    const collab = this.collab;
    if (!collab) throw new Error('collab not ready');
    const target = new Y.Doc();
    try {
      Y.applyUpdate(target, new Uint8Array(row.state));
      await collab.withDoc(row.doc_name, (doc) => restoreContent(doc, target, SERVER_ORIGIN));
    } finally {
      target.destroy();
    }
    await this.durable();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'map.restore',
      sessionId: row.session_id,
      targetId: snapshotId,
    });
    return { snapshotId, docName: row.doc_name };
  }
}
