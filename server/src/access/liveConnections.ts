/**
 * Live connections end with their credential. Socket.IO sockets and /collab connections each remember the
 * credential they were opened with; `CredentialEnds` announcements (sign-out, expiry, revoke, re-issue, device
 * removal, session end) close the matching ones, and an expiry watch announces each credential's expiry.
 */
import { CloseCode, ErrorCode, SECURITY_LIMITS } from '@tandem/shared';
import type { CollabServer } from '../collab/collabServer.js';
import type { CollabContext } from '../features/map/docAccess.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { rooms, type SocketData, type TandemServer, type TandemSocket } from '../realtime/types.js';
import type { SocketGuard } from '../realtime/handler.js';
import { fetchEverywhere } from '../realtime/roster.js';
import type { Access } from './access.js';
import type { Db } from '../db/database.js';
import { reasonOf, type CredentialEnd, type CredentialEnds } from './credentialEnds.js';

/** setTimeout's longest delay; a later expiry is re-armed when it comes due. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The end that a connection's own credential would announce. */
export function ownEnd(d: SocketData): CredentialEnd {
  return d.role === 'therapist'
    ? { kind: 'therapist', therapistId: d.therapistId, tokenHashes: [d.tokenHash] }
    : { kind: 'guest', sessionId: d.sessionId, partnerId: d.partnerId, grantHashes: [d.grantHash] };
}

/** The end that a collab connection's own credential would announce (null: no credential, e.g. benchmarks). */
export function collabOwnEnd(c: CollabContext): CredentialEnd | null {
  if (c.credentialHash === null) return null;
  if (c.role === 'therapist') return { kind: 'therapist', therapistId: c.therapistId, tokenHashes: [c.credentialHash] };
  if (c.sessionId === null || c.partnerId === null) return null;
  return { kind: 'guest', sessionId: c.sessionId, partnerId: c.partnerId, grantHashes: [c.credentialHash] };
}

/** Whether an announced end covers a collab connection. */
export function endsCollab(end: CredentialEnd, c: CollabContext): boolean {
  switch (end.kind) {
    case 'therapist':
      return (
        c.role === 'therapist' &&
        c.therapistId === end.therapistId &&
        (end.tokenHashes === 'all' || (c.credentialHash !== null && end.tokenHashes.includes(c.credentialHash)))
      );
    case 'guest':
      return (
        c.role === 'partner' &&
        c.sessionId === end.sessionId &&
        c.partnerId === end.partnerId &&
        (end.grantHashes === 'all' || (c.credentialHash !== null && end.grantHashes.includes(c.credentialHash)))
      );
    case 'session':
      return c.role === 'partner' && c.sessionId === end.sessionId;
    case 'seat':
      // A clinician's docs are the couple's, not the session's: what they may no longer see is closed by `closeLost`.
      return false;
  }
}

/** The Socket.IO rooms whose sockets an end covers (every room goes through the adapter). */
function socketRoomsOf(end: CredentialEnd): string[] {
  switch (end.kind) {
    case 'therapist':
      return end.tokenHashes === 'all' ? [rooms.therapistAll(end.therapistId)] : end.tokenHashes.map(rooms.credential);
    case 'guest':
      return end.grantHashes === 'all'
        ? [rooms.self(end.sessionId, end.partnerId)]
        : end.grantHashes.map(rooms.credential);
    case 'session':
      return [rooms.all(end.sessionId)];
    case 'seat':
      return [rooms.seat(end.sessionId, end.therapistId)];
  }
}

/**
 * Whether a therapist's sign-in has a Socket.IO connection (on any process, through the adapter) in the room of a
 * session that is live now.
 */
export function inLiveRoom(io: TandemServer, db: Db): (tokenHash: string) => Promise<boolean> {
  return async (tokenHash) => {
    const sockets = await fetchEverywhere(io, rooms.credential(tokenHash));
    const sessionIds = [...new Set(sockets.map((s) => s.data.sessionId))];
    if (sessionIds.length === 0) return false;
    const live = await db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', sessionIds)
      .where('status', '=', 'live')
      .executeTakeFirst();
    return live !== undefined;
  };
}

/** Subscribes both live channels to credential ends; returns the unsubscribe. */
export function endLiveConnections(
  ends: CredentialEnds,
  io: TandemServer,
  collab: Pick<CollabServer<CollabContext>, 'disconnectWhere'>,
): () => void {
  return ends.subscribe((end) => {
    const reason = reasonOf(end);
    const targets = socketRoomsOf(end);
    if (targets.length > 0) {
      // Told first, then closed once the current handler has answered (its ack goes out first). Meanwhile every
      // event is refused: the guard re-checks the credential in storage.
      io.to(targets).emit('auth:ended', { reason });
      setImmediate(() => io.in(targets).disconnectSockets(true));
    }
    collab.disconnectWhere(
      (c) => endsCollab(end, c),
      end.kind === 'session' ? CloseCode.SESSION_ENDED : CloseCode.UNAUTHORIZED,
      reason,
    );
  });
}

/**
 * Announces each credential's expiry when it comes (one timer per credential, however many connections it
 * opened), read from the injected clock.
 */
export class ExpiryWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly clock: Clock,
    private readonly ends: CredentialEnds,
  ) {}

  watch(end: CredentialEnd, expiresAt: number): void {
    const key = JSON.stringify(end);
    if (this.timers.has(key)) return;
    const arm = () => {
      const delay = expiresAt - this.clock.now();
      const timer = setTimeout(
        () => {
          this.timers.delete(key);
          if (this.clock.now() < expiresAt) return arm();
          this.ends.end({ ...end, reason: 'expired' });
        },
        Math.max(0, Math.min(delay, MAX_TIMER_MS)),
      );
      timer.unref();
      this.timers.set(key, timer);
    };
    arm();
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * Ends an idle sign-in's live connections when its idle time is up, without waiting for its next request: one
 * timer per sign-in that has live connections, armed from its last activity and re-armed while it stays active
 * (or sits in a live session's room). The check itself is the access module's (`stillValid`).
 */
export class IdleWatch {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly access: Access,
  ) {}

  watch(tokenHash: string): void {
    if (this.timers.has(tokenHash)) return;
    const arm = async () => {
      const row = await this.db
        .selectFrom('auth_sessions')
        .select(['created_at', 'last_active_at', 'stage'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row || row.stage !== 'full') return void this.timers.delete(tokenHash);
      const due = (row.last_active_at ?? row.created_at) + SECURITY_LIMITS.idleMs;
      const timer = setTimeout(
        () => {
          this.timers.delete(tokenHash);
          this.access.principals.stillValid({ tokenHash }).then(
            (state) => (state === 'ok' ? this.watch(tokenHash) : undefined),
            () => undefined,
          );
        },
        Math.max(1000, Math.min(due - this.clock.now(), MAX_TIMER_MS)),
      );
      timer.unref();
      this.timers.set(tokenHash, timer);
    };
    arm().catch(() => this.timers.delete(tokenHash));
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** Checked before every Socket.IO event: the credential is still valid, and admission when the event needs it. */
export function socketGuard(access: Access, clock: Clock, ends: CredentialEnds): SocketGuard {
  return {
    async check(socket: TandemSocket, needs: { admitted: boolean }): Promise<void> {
      const d = socket.data;
      if (clock.now() >= d.expiresAt) {
        ends.end({ ...ownEnd(d), reason: 'expired' });
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Your sign-in has expired.');
      }
      // Signed out, revoked, replaced or removed (perhaps on another server process): refused at once.
      const credential = d.role === 'therapist' ? { tokenHash: d.tokenHash } : { grantHash: d.grantHash };
      const state = await access.principals.stillValid(credential);
      if (state === 'idle')
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'You were signed out after a time without activity.');
      if (state === 'ended') {
        ends.end(ownEnd(d));
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please sign in again.');
      }
      // A co-therapist or supervisor taken off the session (perhaps on another process) is refused at once.
      if (
        d.role === 'therapist' &&
        d.seat !== 'lead' &&
        (await access.scope.seat(d.therapistId, d.sessionId)) !== d.seat
      )
        throw new AppError(ErrorCode.FORBIDDEN, 'You are no longer part of this session.');
      if (!needs.admitted || d.role === 'therapist') return;
      const p = {
        kind: 'partner' as const,
        sessionId: d.sessionId,
        partnerId: d.partnerId,
        coupleId: d.coupleId,
        therapistId: d.therapistId,
        deviceId: d.deviceId,
        name: '',
        credential: { grantHash: d.grantHash, expiresAt: d.expiresAt },
      };
      await access.assert(p, 'session.take-part', { kind: 'session', sessionId: d.sessionId });
    },
  };
}
