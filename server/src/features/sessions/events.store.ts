import type { Db } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { SessionEventsTable } from '../../db/schema.js';

export type SessionEventRow = Selectable<SessionEventsTable>;

export type PresenceSubject =
  { role: 'therapist'; personId: string } | { role: 'partner'; personId: string; deviceId: string };

/**
 * When each device (and the therapist) came into the session's room and left it, for the session record. The
 * lobby writes here at the moments it already handles (a connection attached or detached, a device admitted);
 * nothing else does.
 */
export class SessionEventsStore {
  constructor(private readonly db: Db) {}

  async add(sessionId: string, kind: SessionEventsTable['kind'], who: PresenceSubject, at: number): Promise<void> {
    await this.db
      .insertInto('session_events')
      .values({
        session_id: sessionId,
        at,
        kind,
        person_role: who.role,
        person_id: who.personId,
        device_id: who.role === 'partner' ? who.deviceId : null,
      })
      .execute();
  }

  async list(sessionId: string): Promise<SessionEventRow[]> {
    return this.db
      .selectFrom('session_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
  }
}
