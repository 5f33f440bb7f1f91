import { ErrorCode, type CancelledDto } from '@tandem/shared';
import { GrantsStore } from '../join/grants.store.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import type { SessionsService } from './sessions.service.js';

/**
 * Cancels a session that has not started (and, with `following`, the later scheduled sessions of its series).
 * Its links stop working at once (revoked, and a partner opening one is told it was cancelled), the devices
 * signed in with them are ended through the one credential-end path (their sockets and /collab connections
 * close), and it shows as cancelled. A live or ended session is refused: that one is ended, not cancelled.
 */
export async function cancelSession(
  ctx: AppContext,
  sessions: SessionsService,
  therapistId: string,
  sessionId: string,
  following: boolean,
): Promise<CancelledDto> {
  const session = await sessions.runRow(therapistId, sessionId);
  if (session.status === 'cancelled') throw new AppError(ErrorCode.CONFLICT, 'This session is already cancelled.');
  if (session.status !== 'scheduled') {
    throw new AppError(ErrorCode.CONFLICT, 'Only a session that has not started can be cancelled; end it instead.');
  }
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    let ids = [sessionId];
    if (following && session.series_id !== null && session.series_index !== null) {
      const later = await trx
        .selectFrom('sessions')
        .select('id')
        .where('series_id', '=', session.series_id)
        .where('therapist_id', '=', therapistId)
        .where('series_index', '>', session.series_index)
        .where('status', '=', 'scheduled')
        .execute();
      ids = [sessionId, ...later.map((r) => r.id)];
    }
    // Only still-scheduled ones: a session that went live meanwhile is left alone.
    const cancelled = await trx
      .updateTable('sessions')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('id', 'in', ids)
      .where('status', '=', 'scheduled')
      .returning('id')
      .execute();
    const done = cancelled.map((r) => r.id);
    if (done.length === 0) return { done, grants: [] };
    await trx
      .updateTable('invites')
      .set({ revoked_at: now })
      .where('session_id', 'in', done)
      .where('revoked_at', 'is', null)
      .execute();
    // The devices' grants are kept (like an ended session's) so a device that reloads is told it was cancelled;
    // every check reads the session's status first and refuses it.
    const grants = await new GrantsStore(trx).devicesOf(done);
    return { done, grants };
  });
  if (!result.done.includes(sessionId)) {
    throw new AppError(ErrorCode.CONFLICT, 'Only a session that has not started can be cancelled; end it instead.');
  }
  // Each partner's devices in each cancelled session end now, with their live connections.
  const byDevice = new Map<string, { sessionId: string; partnerId: string; hashes: string[] }>();
  for (const g of result.grants) {
    const key = `${g.session_id}:${g.partner_id}`;
    const entry = byDevice.get(key) ?? { sessionId: g.session_id, partnerId: g.partner_id, hashes: [] };
    entry.hashes.push(g.token_hash);
    byDevice.set(key, entry);
  }
  for (const e of byDevice.values()) {
    ctx.credentialEnds.end({
      kind: 'guest',
      sessionId: e.sessionId,
      partnerId: e.partnerId,
      grantHashes: e.hashes,
      reason: 'session-cancelled',
    });
  }
  for (const id of result.done) {
    await ctx.audit.record({ actorType: 'therapist', actorId: therapistId, action: 'session.cancel', sessionId: id });
  }
  return { cancelled: result.done };
}
