import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { AuditAction } from '@tandem/shared';

export type { AuditAction } from '@tandem/shared';

export interface AuditEntry {
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  action: AuditAction;
  sessionId?: string | null;
  targetId?: string | null;
  /** Counts only (e.g. rows deleted per table): never content. */
  detail?: Readonly<Record<string, number>>;
}

/** Who did what to which record; ids only, never content. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: this.clock.now(),
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        session_id: entry.sessionId ?? null,
        target_id: entry.targetId ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      })
      .execute();
  }
}
