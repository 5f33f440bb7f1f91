/**
 * The one path every credential's end goes through (sign-out, sign-out everywhere, password change, expiry,
 * invite revoke or re-issue, session end, device removal). Whoever ends a credential calls `end`; the realtime
 * channels (Socket.IO, /collab) subscribe and close every live connection that credential opened.
 */
import type { CredentialEndReason } from '@tandem/shared';

/** Why it ended, as told to the connections it closes (default: by kind, see `reasonOf`). */
interface Because {
  reason?: CredentialEndReason;
}

export type CredentialEnd = Because &
  /** A therapist's sign-in sessions: the listed token hashes, or every session of that therapist. */
  (
    | { kind: 'therapist'; therapistId: string; tokenHashes: readonly string[] | 'all' }
    /** A partner's device grants in one session: the listed grant hashes, or every grant of that partner there. */
    | { kind: 'guest'; sessionId: string; partnerId: string; grantHashes: readonly string[] | 'all' }
    /** Everything opened for a session (it ended). */
    | { kind: 'session'; sessionId: string }
    /** A co-therapist's or supervisor's connections to one session (they were taken off it). */
    | { kind: 'seat'; sessionId: string; therapistId: string }
  );

export function reasonOf(end: CredentialEnd): CredentialEndReason {
  if (end.reason) return end.reason;
  switch (end.kind) {
    case 'therapist':
      return 'signed-out';
    case 'guest':
      return 'revoked';
    case 'session':
      return 'session-ended';
    case 'seat':
      return 'removed';
  }
}

export type CredentialEndListener = (end: CredentialEnd) => void;

export class CredentialEnds {
  private readonly listeners = new Set<CredentialEndListener>();

  /** Announces that a credential ended; listeners run synchronously, in order. */
  end(end: CredentialEnd): void {
    for (const listener of this.listeners) listener(end);
  }

  subscribe(listener: CredentialEndListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
