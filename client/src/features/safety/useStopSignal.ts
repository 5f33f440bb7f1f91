import { useCallback, useRef } from 'react';
import type { AppError } from '../../lib/api';
import { ClientErrorCode, failure, isEnvelope } from '../../lib/api';
import { useSessionSocket } from '../session/useSessionSocket';

/** How long the socket's ack may take before the same signal also goes by REST. */
const SOCKET_ACK_MS = 4000;

/** The REST fallback: one `fetch` with `keepalive` (it outlives a closing page), the same id as the socket's. */
async function sendByRest(sessionId: string, id: string): Promise<AppError | null> {
  try {
    const res = await fetch(`/api/join/${encodeURIComponent(sessionId)}/stop-signal`, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ id }),
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (isEnvelope(body)) return body.ok ? null : body.error;
    return failure(ClientErrorCode.NETWORK_ERROR, `HTTP ${res.status}`).error;
  } catch (err) {
    return failure(ClientErrorCode.NETWORK_ERROR, err instanceof Error ? err.message : 'Network error').error;
  }
}

/**
 * Sends the covert stop signal: by the socket, and by REST when the socket is down or does not answer in time.
 * Both carry one id chosen here, so the server counts one press once. Resolves with null once the server has it.
 * Nothing here changes what the page shows; the caller decides what (if anything) to announce.
 */
export function useStopSignal(): () => Promise<AppError | null> {
  const { socket, sessionId, emitWithAck } = useSessionSocket();
  const inFlight = useRef<Promise<AppError | null> | null>(null);
  return useCallback(() => {
    // A second press while the first is on its way is the same press.
    if (inFlight.current) return inFlight.current;
    const id = crypto.randomUUID();
    const run = (async () => {
      if (socket.connected) {
        const res = await emitWithAck('safety:signal', { id }, SOCKET_ACK_MS);
        if (res.ok) return null;
        // A refusal is final (too many, the session ended); only a lost ack or a dropped socket retries by REST.
        if (res.error.code !== ClientErrorCode.TIMEOUT && res.error.code !== ClientErrorCode.NETWORK_ERROR) {
          return res.error;
        }
      }
      return sendByRest(sessionId, id);
    })();
    inFlight.current = run;
    void run.finally(() => {
      inFlight.current = null;
    });
    return run;
  }, [socket, sessionId, emitWithAck]);
}
