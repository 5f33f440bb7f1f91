import type { PresenceStatus } from '@tandem/shared';

export const PRESENCE_STATUS_KEYS: Record<PresenceStatus, string> = {
  online: 'presence.status.online',
  waiting: 'presence.status.waiting',
  reconnecting: 'presence.status.reconnecting',
  left: 'presence.status.left',
  declined: 'presence.status.declined',
  absent: 'presence.status.absent',
};
