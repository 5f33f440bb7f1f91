import { useCallback, useEffect, useState } from 'react';
import type { ChatMessageDto } from '@tandem/shared';
import type { AppError } from '../../lib/api';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';

/** One private line (a partner and the therapist): history, live messages, read state. */
export function useChat(partnerId: string) {
  const { emitWithAck, connection } = useSessionSocket();
  const [messages, setMessages] = useState<ChatMessageDto[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    let live = true;
    void emitWithAck('chat:history', { partnerId }).then((res) => {
      if (!live) return;
      if (res.ok) setMessages(res.data);
      else setError(res.error);
    });
    return () => {
      live = false;
    };
  }, [emitWithAck, partnerId, connection]);

  useSessionEvent('chat:message', (m) => {
    if (m.partnerId !== partnerId) return;
    setMessages((prev) => (prev.some((p) => p.id === m.id) ? prev : [...prev, m]));
  });
  useSessionEvent('chat:read', (e) => {
    if (e.partnerId !== partnerId) return;
    const ids = new Set(e.ids);
    setMessages((prev) => prev.map((m) => (ids.has(m.id) ? { ...m, readAt: e.readAt } : m)));
  });

  const send = useCallback(
    async (text: string) => {
      const res = await emitWithAck('chat:send', { partnerId, text });
      if (res.ok) {
        setMessages((prev) => (prev.some((p) => p.id === res.data.id) ? prev : [...prev, res.data]));
        setError(null);
      } else setError(res.error);
      return res.ok;
    },
    [emitWithAck, partnerId],
  );

  const markRead = useCallback(
    (upToId: string) => {
      void emitWithAck('chat:read', { partnerId, upToId });
    },
    [emitWithAck, partnerId],
  );

  return { messages, error, send, markRead };
}
