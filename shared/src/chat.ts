/**
 * The private line between one partner and the therapist (audience `partner:<id>`), and quick exit.
 * Messages belong to the couple's case and persist across sessions.
 */
import type { Ack } from './protocol.js';

export const CHAT_MAX_LENGTH = 2000;

export interface ChatMessageDto {
  id: string;
  partnerId: string;
  author: 'partner' | 'therapist';
  text: string;
  createdAt: string;
  /** When the other side read it; null until then. */
  readAt: string | null;
}

export interface ChatSendPayload {
  /** The partner whose line this is: the therapist names it; a partner may only name themself. */
  partnerId: string;
  text: string;
}

export interface ChatLinePayload {
  partnerId: string;
}

export interface ChatReadPayload {
  partnerId: string;
  /** Everything from the other side up to and including this message is read. */
  upToId: string;
}

export interface ChatReadEvent {
  partnerId: string;
  reader: 'partner' | 'therapist';
  ids: string[];
  readAt: string;
}

export interface QuickExitAlert {
  partnerId: string;
  name: string;
  at: string;
}

export interface ChatClientEvents {
  'chat:send': (payload: ChatSendPayload, ack: Ack<ChatMessageDto>) => void;
  'chat:history': (payload: ChatLinePayload, ack: Ack<ChatMessageDto[]>) => void;
  'chat:read': (payload: ChatReadPayload, ack: Ack<null>) => void;
}

export interface ChatServerEvents {
  /** Only to the line's audience room: that partner and the therapist. */
  'chat:message': (message: ChatMessageDto) => void;
  'chat:read': (event: ChatReadEvent) => void;
  /** Only to the therapist. */
  'alert:quick-exit': (alert: QuickExitAlert) => void;
}
