import type { SessionDto, SessionStatus } from '@tandem/shared';
import type { InviteStatusDto } from '@tandem/shared';
import { isUntitled, roomTitle } from '../room/roomTitle';

export const SESSION_STATUS_KEYS: Record<SessionStatus, string> = {
  scheduled: 'sessions.status.scheduled',
  live: 'sessions.status.live',
  ended: 'sessions.status.ended',
  cancelled: 'sessions.status.cancelled',
};

export const INVITE_STATE_KEYS: Record<InviteStatusDto['state'], string> = {
  active: 'invites.state.active',
  redeemed: 'invites.state.redeemed',
  revoked: 'invites.state.revoked',
  expired: 'invites.state.expired',
  none: 'invites.state.none',
};

type T = (key: string, options?: Record<string, unknown>) => string;

/** "Joint session" or "Individual session with Alex". */
export function sessionKindLabel(
  session: Pick<SessionDto, 'kind' | 'partnerIds'>,
  partnerName: (id: string) => string,
  t: T,
): string {
  if (session.kind === 'joint') return t('sessions.kind.joint');
  const id = session.partnerIds[0];
  return id ? t('sessions.kind.individualWith', { name: partnerName(id) }) : t('sessions.kind.individual');
}

/** The therapist's title; untitled: "Session of <date>" when it has a date, else what kind of session it is. */
export function sessionTitle(session: SessionDto, partnerName: (id: string) => string, t: T, language: string): string {
  if (!isUntitled(session)) return session.title.trim();
  const when = session.scheduledAt ?? session.startedAt;
  return when ? roomTitle({ ...session, when }, language, t) : sessionKindLabel(session, partnerName, t);
}
