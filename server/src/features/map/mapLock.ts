/**
 * The therapist's lock on a couple's map, read from storage on every decision that needs it: never a copy held by
 * one process, so a lock set through any process refuses a partner's next edit on every other process the moment
 * the lock call returns (issue 17). A safety rule is not cached.
 *
 * The cost sits on a partner's map edits (one read per update): on SQLite a prepared statement on the raw handle
 * answers synchronously in microseconds; on PostgreSQL reads of one couple's lock are coalesced, so a burst of
 * edits waits for at most two reads in a row, however many arrive: an edit never shares a read that began before
 * it arrived (that read could predate the lock), it joins the next one.
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';

interface Inflight {
  /** Settles (never rejects) once the read that is under way has answered. */
  settled: Promise<void>;
  /** The read that starts after it, shared by everyone who arrives meanwhile. */
  next: Promise<boolean> | null;
}

const settle = (): void => undefined;

export class MapLocks {
  private readonly inflight = new Map<string, Inflight>();
  private readonly lockedAt: Statement<[string], { locked_at: number | bigint | null }> | null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    sqlite: SQLiteDatabase | null,
  ) {
    this.lockedAt = sqlite ? sqlite.prepare('SELECT locked_at FROM map_settings WHERE couple_id = ?') : null;
  }

  /** Whether the couple's map is locked now: a boolean on SQLite, a fresh (coalesced) read on PostgreSQL. */
  current(coupleId: string): boolean | Promise<boolean> {
    if (this.lockedAt) return (this.lockedAt.get(coupleId)?.locked_at ?? null) !== null;
    const busy = this.inflight.get(coupleId);
    if (!busy) return this.begin(coupleId);
    busy.next ??= busy.settled.then(() => this.begin(coupleId));
    return busy.next;
  }

  /** Whether the couple's map is locked now, read from storage. */
  async read(coupleId: string): Promise<boolean> {
    return this.current(coupleId);
  }

  async set(coupleId: string, locked: boolean): Promise<void> {
    const now = this.clock.now();
    const values = { locked_at: locked ? now : null, updated_at: now };
    await this.db
      .insertInto('map_settings')
      .values({ couple_id: coupleId, ...values })
      .onConflict((oc) => oc.column('couple_id').doUpdateSet(values))
      .execute();
  }

  private begin(coupleId: string): Promise<boolean> {
    const read = this.db
      .selectFrom('map_settings')
      .select('locked_at')
      .where('couple_id', '=', coupleId)
      .executeTakeFirst()
      .then((row) => row?.locked_at != null);
    const entry: Inflight = { settled: read.then(settle, settle), next: null };
    this.inflight.set(coupleId, entry);
    void entry.settled.then(() => {
      if (this.inflight.get(coupleId) === entry) this.inflight.delete(coupleId);
    });
    return read;
  }
}
