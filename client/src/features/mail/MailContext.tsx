import { createContext, use, useMemo, type ReactNode } from 'react';
import type { CoupleDto, MailSendDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';

export interface MailView {
  /** The server sends e-mail (SMTP_URL set): only then is any e-mail action offered. */
  enabled: boolean;
  emailOf: (partnerId: string) => string | null;
  /** What was e-mailed (or is owed) for a session, newest first. */
  sendsOf: (sessionId: string) => MailSendDto[];
  reload: () => void;
}

const OFF: MailView = { enabled: false, emailOf: () => null, sendsOf: () => [], reload: () => undefined };
const MailContext = createContext<MailView>(OFF);

/** Whether this server sends e-mail (false while unknown: no e-mail action is offered until it says so). */
export function useMailEnabled(): boolean {
  const status = useQuery('mail-status', (signal) => api.mailStatus({ signal }));
  return status.data?.enabled ?? false;
}

/** The couple's e-mail state for the session list and forms below it. */
export function MailProvider({ couple, children }: { couple: CoupleDto; children: ReactNode }) {
  const enabled = useMailEnabled();
  const sends = useQuery(enabled ? `mail:${couple.id}` : null, (signal) => api.coupleMail(couple.id, { signal }));
  const list = sends.data?.sends;
  const reload = sends.reload;
  const view = useMemo<MailView>(
    () =>
      enabled
        ? {
            enabled,
            emailOf: (id) => couple.contacts.find((c) => c.partnerId === id)?.email ?? null,
            sendsOf: (sessionId) => (list ?? []).filter((s) => s.sessionId === sessionId),
            reload,
          }
        : OFF,
    [enabled, couple.contacts, list, reload],
  );
  return <MailContext value={view}>{children}</MailContext>;
}

export const useMail = (): MailView => use(MailContext);
