/** The session socket's state machine, pure so it can be tested without a server. */
import { exhaustive } from '@tandem/shared';
import type { ParticipantView, SelfView, SessionSnapshot, SessionStatus } from '@tandem/shared';
import type { AppError, AppErrorCode } from '../../lib/api';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface SessionSocketState {
  transport: 'connecting' | 'connected' | 'reconnecting' | 'refused';
  everConnected: boolean;
  browserOnline: boolean;
  /** Why the server refused or dropped us (an ErrorCode), null when not refused or unknown. */
  refusal: AppErrorCode | null;
  /** The last snapshot-derived state; null until the first `session:hello` answer. */
  sessionStatus: SessionStatus | null;
  self: SelfView | null;
  participants: ParticipantView[];
  endedAt: string | null;
  helloError: AppError | null;
  /** The last `session:hello` answer as received (kind, workspaceDoc, mapLocked… for later features). */
  snapshot: SessionSnapshot | null;
}

export type SessionSocketAction =
  | { type: 'connected' }
  | { type: 'disconnected'; willReconnect: boolean }
  | { type: 'connect_error'; message: string; willRetry: boolean }
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  | { type: 'hello_failed'; error: AppError }
  | { type: 'presence'; participants: ParticipantView[] }
  | { type: 'self'; self: SelfView }
  | { type: 'ended'; endedAt: string }
  | { type: 'browser_online'; online: boolean };

/** connect_error messages the server uses to refuse a handshake (anything else is transport trouble). */
const REFUSALS: readonly string[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_ENDED',
  'SESSION_CANCELLED',
  'PROTOCOL_MISMATCH',
  'NOT_FOUND',
  'BAD_REQUEST',
  'INVITE_INVALID',
  // Too many of this person's windows on the session: another retry would be refused the same way.
  'RATE_LIMITED',
];

export function initialSocketState(browserOnline: boolean): SessionSocketState {
  return {
    transport: 'connecting',
    everConnected: false,
    browserOnline,
    refusal: null,
    sessionStatus: null,
    self: null,
    participants: [],
    endedAt: null,
    helloError: null,
    snapshot: null,
  };
}

export function sessionSocketReducer(state: SessionSocketState, action: SessionSocketAction): SessionSocketState {
  switch (action.type) {
    case 'connected':
      return { ...state, transport: 'connected', everConnected: true, refusal: null, helloError: null };
    case 'disconnected':
      if (action.willReconnect) return { ...state, transport: 'reconnecting' };
      return { ...state, transport: 'refused' };
    case 'connect_error': {
      const refused = REFUSALS.includes(action.message) || !action.willRetry;
      if (!refused) return { ...state, transport: state.everConnected ? 'reconnecting' : 'connecting' };
      const refusal = REFUSALS.includes(action.message) ? (action.message as AppErrorCode) : null;
      return {
        ...state,
        transport: 'refused',
        refusal,
        sessionStatus: refusal === 'SESSION_ENDED' ? 'ended' : state.sessionStatus,
      };
    }
    case 'snapshot':
      return {
        ...state,
        sessionStatus: state.sessionStatus === 'ended' ? 'ended' : action.snapshot.sessionStatus,
        self: action.snapshot.self,
        participants: action.snapshot.participants,
        helloError: null,
        snapshot: action.snapshot,
      };
    case 'hello_failed':
      if (action.error.code === 'SESSION_ENDED') return { ...state, sessionStatus: 'ended' };
      return { ...state, helloError: action.error };
    case 'presence':
      return { ...state, participants: action.participants };
    case 'self':
      return { ...state, self: action.self };
    case 'ended':
      return { ...state, sessionStatus: 'ended', endedAt: action.endedAt };
    case 'browser_online':
      return { ...state, browserOnline: action.online };
    default:
      return exhaustive(action);
  }
}

/** What the UI shows: a refusal wins, then a browser that knows it is offline, then the transport. */
export function connectionOf(state: SessionSocketState): ConnectionState {
  if (state.transport === 'refused') return 'refused';
  if (!state.browserOnline) return 'offline';
  return state.transport;
}
