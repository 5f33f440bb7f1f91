import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ReactNode } from 'react';
import type { AuthEndedInfo, ParticipantView, SelfView } from '@tandem/shared';
import { connectionOf, initialSocketState, sessionSocketReducer } from './socketState';
import { createSessionSocket, emitWithAck, SessionSocketContext } from './useSessionSocket';
import type { EmitWithAck, SessionSocketValue, TandemSocket } from './useSessionSocket';

interface SessionSocketProviderProps {
  sessionId: string;
  children: ReactNode;
  /** For tests and stories: use this socket instead of connecting to the server. */
  socket?: TandemSocket;
}

/**
 * Owns the session's Socket.IO connection. Mount it with `key={sessionId}`. On every
 * (re)connect it asks for a snapshot with `session:hello`, then follows presence and self updates.
 */
export function SessionSocketProvider({ sessionId, children, socket: injected }: SessionSocketProviderProps) {
  const [socket] = useState<TandemSocket>(() => injected ?? createSessionSocket(sessionId));
  const [state, dispatch] = useReducer(sessionSocketReducer, navigator.onLine, initialSocketState);

  useEffect(() => {
    const hello = async () => {
      const result = await emitWithAck(socket, 'session:hello', {});
      if (result.ok) dispatch({ type: 'snapshot', snapshot: result.data });
      else dispatch({ type: 'hello_failed', error: result.error });
    };
    const onConnect = () => {
      dispatch({ type: 'connected' });
      void hello();
    };
    const onDisconnect = () => dispatch({ type: 'disconnected', willReconnect: socket.active });
    const onConnectError = (err: Error) =>
      dispatch({ type: 'connect_error', message: err.message, willRetry: socket.active });
    const onPresence = (participants: ParticipantView[]) => dispatch({ type: 'presence', participants });
    const onSelf = (self: SelfView) => {
      // Just admitted: the room's snapshot (people, map, partners) is sent only now, and the room opens with it.
      if (self.status === 'online') void hello();
      else dispatch({ type: 'self', self });
    };
    // The credential ended (signed out, link revoked or replaced, device removed): the server closes next.
    const onAuthEnded = (info: AuthEndedInfo) =>
      dispatch({
        type: 'connect_error',
        message:
          info.reason === 'session-ended'
            ? 'SESSION_ENDED'
            : info.reason === 'session-cancelled'
              ? 'SESSION_CANCELLED'
              : 'UNAUTHENTICATED',
        willRetry: false,
      });
    const onEnded = (info: { endedAt: string }) => dispatch({ type: 'ended', endedAt: info.endedAt });
    const onOnline = () => dispatch({ type: 'browser_online', online: true });
    const onOffline = () => dispatch({ type: 'browser_online', online: false });

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('presence:update', onPresence);
    socket.on('self:update', onSelf);
    socket.on('session:ended', onEnded);
    socket.on('auth:ended', onAuthEnded);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    if (socket.connected) onConnect();
    else socket.connect();

    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('presence:update', onPresence);
      socket.off('self:update', onSelf);
      socket.off('session:ended', onEnded);
      socket.off('auth:ended', onAuthEnded);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      socket.disconnect();
    };
  }, [socket]);

  const emit = useCallback<EmitWithAck>(
    (event, payload, timeoutMs) => emitWithAck(socket, event, payload, timeoutMs),
    [socket],
  );

  const value = useMemo<SessionSocketValue>(
    () => ({
      sessionId,
      connection: connectionOf(state),
      refusal: state.refusal,
      sessionStatus: state.sessionStatus,
      self: state.self,
      participants: state.participants,
      endedAt: state.endedAt,
      helloError: state.helloError,
      snapshot: state.snapshot,
      socket,
      emitWithAck: emit,
    }),
    [sessionId, state, socket, emit],
  );

  return <SessionSocketContext.Provider value={value}>{children}</SessionSocketContext.Provider>;
}
