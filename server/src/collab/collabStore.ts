/**
 * Yjs persistence on our storage: an append-only update log per doc, folded into a snapshot as it grows.
 * Writes from the same tick are group-committed in one transaction, so a busy server does one commit per
 * tick instead of one per keystroke, and every update is durable before it is relayed.
 */
import * as Y from 'yjs';
import { sql } from 'kysely';
import { COLLAB_MAX_DOC_BYTES } from '@tandem/shared';
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { Db, DbKind } from '../db/database.js';
import type { Clock } from '../lib/clock.js';

interface PendingWrite {
  docName: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface CollabStoreOptions {
  /** Fold the log into a snapshot once a doc has this many updates since its last snapshot. */
  compactEvery?: number;
  /**
   * ...or once its log since the last snapshot holds this many bytes: a log of inserts and deletes keeps what the
   * doc has collected away, and a cold start reads it all. Default: 4 × COLLAB_MAX_DOC_BYTES.
   */
  compactBytes?: number;
  /**
   * On SQLite, the raw handle: the group commit then runs as one synchronous transaction over a cached prepared
   * statement (the hot path: one commit per tick for every room), without the query builder's per-query cost.
   */
  sqlite?: SQLiteDatabase | null;
  /** On PostgreSQL several processes may share the log: compaction then takes an advisory lock. */
  kind?: DbKind;
}

/** The first key of the compaction's advisory lock (the second is the doc name's hash): "TDCP". */
const COMPACT_LOCK_SPACE = 0x54444350;
/** At most this many log rows are folded at once (a longer log is folded over several compactions). */
const COMPACT_MAX_ROWS = 20_000;

export class CollabStore {
  private queue: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  /** Updates written since the last snapshot, per loaded doc. */
  private readonly sinceSnapshot = new Map<string, number>();
  /** Bytes written since the last snapshot, per loaded doc. */
  private readonly bytesSinceSnapshot = new Map<string, number>();
  private readonly compactBytes: number;
  private readonly compacting = new Set<string>();
  private readonly compactEvery: number;
  private readonly writeBatch: ((batch: PendingWrite[], now: number) => void) | null = null;
  /** True while the query builder has a transaction open on the shared SQLite connection. */
  private readonly sqliteBusy: () => boolean = () => false;
  private readonly kind: DbKind;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    options: CollabStoreOptions = {},
  ) {
    // Compaction re-encodes the whole doc; doing it every few hundred updates of a large doc competed with the
    // joiners it was meant to help. Unload compacts anyway, so a busy doc folds its log only every 5,000 updates.
    this.compactEvery = options.compactEvery ?? 5000;
    this.compactBytes = options.compactBytes ?? 4 * COLLAB_MAX_DOC_BYTES;
    const sqlite = options.sqlite ?? null;
    this.kind = options.kind ?? 'sqlite';
    if (sqlite) {
      const insert: Statement<[string, Buffer, number]> = sqlite.prepare(
        'INSERT INTO collab_updates (doc_name, "update", created_at) VALUES (?, ?, ?)',
      );
      const tx = sqlite.transaction((batch: PendingWrite[], now: number) => {
        for (const w of batch) insert.run(w.docName, asBuffer(w.update), now);
      });
      this.writeBatch = tx;
      this.sqliteBusy = () => sqlite.inTransaction;
    }
  }

  /**
   * A doc's stored state: its snapshot and every log row. The log is read before the snapshot: a compaction that
   * commits in between deleted rows it folded into the snapshot read after, so nothing is missed (an update read
   * twice is harmless: Yjs updates are idempotent).
   */
  async load(docName: string): Promise<Uint8Array[]> {
    const rows = await this.db
      .selectFrom('collab_updates')
      .select('update')
      .where('doc_name', '=', docName)
      .orderBy('id')
      .execute();
    const snapshot = await this.db
      .selectFrom('collab_snapshots')
      .select('state')
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    this.sinceSnapshot.set(docName, rows.length);
    this.bytesSinceSnapshot.set(
      docName,
      rows.reduce((n, r) => n + r.update.length, 0),
    );
    const out = rows.map((r) => r.update);
    if (snapshot) out.unshift(snapshot.state);
    return out;
  }

  /** Resolves once the update is committed. */
  store(docName: string, update: Uint8Array): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.queue.push({ docName, update, resolve, reject });
    });
    // The caller gets the rejection; this only keeps a write that fails before its caller awaits it (a database
    // that went away) from counting as an unhandled rejection.
    written.catch(() => undefined);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
    const count = (this.sinceSnapshot.get(docName) ?? 0) + 1;
    this.sinceSnapshot.set(docName, count);
    const bytes = (this.bytesSinceSnapshot.get(docName) ?? 0) + update.length;
    this.bytesSinceSnapshot.set(docName, bytes);
    if (count >= this.compactEvery || bytes >= this.compactBytes) {
      void written.then(() => this.compact(docName)).catch(() => undefined);
    }
    return written;
  }

  /** Waits for every queued write. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      await (this.flushing ?? this.flush());
    }
  }

  /**
   * Folds a doc's stored log into its snapshot: the stored snapshot plus exactly the rows read here, and only
   * those rows are then deleted, in one transaction. It never encodes a process's live copy, so an update another
   * process stored meanwhile (or commits late with a lower id) is never dropped. On PostgreSQL one compaction per
   * doc runs at a time across every process (a transaction-scoped advisory lock; a busy doc is skipped, its log
   * is folded next time); on SQLite the process is alone and the transaction is the lock.
   */
  async compact(docName: string): Promise<void> {
    if (this.compacting.has(docName)) return;
    if ((this.sinceSnapshot.get(docName) ?? 1) === 0) return; // nothing new since the last snapshot
    this.compacting.add(docName);
    try {
      await this.drain();
      const folded = await this.db.transaction().execute(async (trx) => {
        if (this.kind === 'postgres') {
          const { rows } = await sql<{
            ok: boolean;
          }>`select pg_try_advisory_xact_lock(${COMPACT_LOCK_SPACE}, hashtext(${docName})) as ok`.execute(trx);
          if (!rows[0]?.ok) return false;
        }
        const prev = await trx
          .selectFrom('collab_snapshots')
          .select(['state', 'upto_id'])
          .where('doc_name', '=', docName)
          .executeTakeFirst();
        const log = await trx
          .selectFrom('collab_updates')
          .select(['id', 'update'])
          .where('doc_name', '=', docName)
          .orderBy('id')
          .limit(COMPACT_MAX_ROWS)
          .execute();
        if (log.length === 0) return true;
        const state = asBuffer(
          foldUpdates(
            prev?.state ?? null,
            log.map((r) => r.update),
          ),
        );
        const ids = log.map((r) => Number(r.id));
        const values = { state, upto_id: Math.max(ids.at(-1) ?? 0, prev?.upto_id ?? 0), updated_at: this.clock.now() };
        if (prev) await trx.updateTable('collab_snapshots').set(values).where('doc_name', '=', docName).execute();
        else
          await trx
            .insertInto('collab_snapshots')
            .values({ doc_name: docName, ...values })
            .execute();
        for (let i = 0; i < ids.length; i += 1000) {
          await trx
            .deleteFrom('collab_updates')
            .where('doc_name', '=', docName)
            .where('id', 'in', ids.slice(i, i + 1000))
            .execute();
        }
        return true;
      });
      if (folded) {
        this.sinceSnapshot.set(docName, 0);
        this.bytesSinceSnapshot.set(docName, 0);
      }
    } finally {
      this.compacting.delete(docName);
    }
  }

  /** Deletes docs' stored updates and snapshots (their data was deleted), after every queued write has landed. */
  async erase(docNames: readonly string[]): Promise<{ updates: number; snapshots: number }> {
    if (docNames.length === 0) return { updates: 0, snapshots: 0 };
    await this.drain();
    const names = [...docNames];
    const counts = await this.db.transaction().execute(async (trx) => {
      const u = await trx.deleteFrom('collab_updates').where('doc_name', 'in', names).executeTakeFirst();
      const s = await trx.deleteFrom('collab_snapshots').where('doc_name', 'in', names).executeTakeFirst();
      return { updates: Number(u.numDeletedRows), snapshots: Number(s.numDeletedRows) };
    });
    for (const name of names) this.forget(name);
    return counts;
  }

  /** Forget per-doc counters of an unloaded doc. */
  forget(docName: string): void {
    this.sinceSnapshot.delete(docName);
    this.bytesSinceSnapshot.delete(docName);
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.queue;
    if (batch.length === 0) return Promise.resolve();
    this.queue = [];
    const now = this.clock.now();
    this.flushing = (async () => {
      // Yield once, so `this.flushing` is set before the body (which may finish synchronously) clears it.
      await Promise.resolve();
      try {
        if (this.writeBatch) {
          // Never write inside someone else's open transaction (it could still roll back): wait it out.
          while (this.sqliteBusy()) await new Promise((r) => setImmediate(r));
          this.writeBatch(batch, now);
        }
        // One statement per chunk keeps parameter counts within the database's limits.
        else
          await this.db.transaction().execute(async (trx) => {
            for (let i = 0; i < batch.length; i += 200) {
              await trx
                .insertInto('collab_updates')
                .values(
                  batch
                    .slice(i, i + 200)
                    .map((w) => ({ doc_name: w.docName, update: asBuffer(w.update), created_at: now })),
                )
                .execute();
            }
          });
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      } finally {
        this.flushing = null;
        if (this.queue.length > 0) void this.flush();
      }
    })();
    return this.flushing;
  }
}

/** A snapshot (or none) and log rows folded into one update, with what the log deleted collected away. */
export function foldUpdates(snapshot: Uint8Array | null, log: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const u of log) Y.applyUpdate(doc, u);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** better-sqlite3 binds Buffers (not plain Uint8Arrays) as blobs; this wraps without copying. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
