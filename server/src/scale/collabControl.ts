/**
 * What one process decides about /collab connections that other processes hold (issue 17). Socket.IO crosses
 * processes through its adapter, but each process's Yjs connections are its own: a credential that ended, a
 * clinician who lost a couple, data that was deleted must close those connections on every process. The deciding
 * process acts locally as before and publishes the fact on `<prefix>collab-control`; the others act on it.
 */
import { randomUUID } from 'node:crypto';
import { CloseCode } from '@tandem/shared';
import { endsCollab } from '../access/liveConnections.js';
import { reasonOf, type CredentialEnd, type CredentialEnds } from '../access/credentialEnds.js';
import type { CollabServer } from '../collab/collabServer.js';
import type { CollabContext } from '../features/map/docAccess.js';
import type { Logger } from '../lib/logger.js';
import type { RedisLink } from './redisLink.js';

type Control =
  | { kind: 'credential-end'; end: CredentialEnd }
  | { kind: 'couple-access'; coupleId: string }
  | { kind: 'purge'; names: string[]; reason: string };

export interface CollabControlDeps {
  collab: CollabServer<CollabContext>;
  ends: CredentialEnds;
  /** Closes this process's connections of clinicians who no longer have access to the couple. */
  closeLost(coupleId: string): Promise<void>;
  logger: Logger;
}

export interface CollabControl {
  /** A couple's access changed: closes the lost clinicians' connections here and on the other processes. */
  closeLost(coupleId: string): Promise<void>;
  /** Docs whose data is deleted: dropped here and on the other processes. */
  purge(names: ReadonlySet<string>, reason: string): Promise<void>;
  /** Stops publishing credential ends. */
  close(): void;
}

export function collabControl(link: RedisLink, deps: CollabControlDeps): CollabControl {
  const channel = `${link.prefix}collab-control`;
  const origin = randomUUID();
  const publish = (control: Control) => {
    link.command.publish(channel, JSON.stringify({ origin, control })).catch((err: unknown) => {
      // Redis away: the other processes' connections stay until they next check (their credential's expiry,
      // the next event refused by the guard); logged, as the fact itself is already stored.
      deps.logger.warn({ err, kind: control.kind }, 'collab control not published');
    });
  };
  const act = (control: Control): void => {
    switch (control.kind) {
      case 'credential-end': {
        const end = control.end;
        const code = end.kind === 'session' ? CloseCode.SESSION_ENDED : CloseCode.UNAUTHORIZED;
        deps.collab.disconnectWhere((c) => endsCollab(end, c), code, reasonOf(end));
        return;
      }
      case 'couple-access':
        void deps.closeLost(control.coupleId).catch((err: unknown) => deps.logger.error({ err }, 'closeLost failed'));
        return;
      case 'purge':
        void deps.collab.purge(new Set(control.names), control.reason);
        return;
      default:
        control satisfies never;
    }
  };
  link.subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    try {
      const parsed = JSON.parse(message) as { origin: string; control: Control };
      if (parsed.origin !== origin) act(parsed.control);
    } catch (err) {
      deps.logger.warn({ err }, 'bad collab control message');
    }
  });
  const subscribe = () => void link.subscriber.subscribe(channel).catch(() => undefined);
  link.subscriber.on('ready', subscribe);
  if (link.subscriber.status === 'ready') subscribe();
  // Every credential ended here (sign-out, revoke, session end...) also closes its /collab connections elsewhere.
  const unsubscribe = deps.ends.subscribe((end) => publish({ kind: 'credential-end', end }));
  return {
    async closeLost(coupleId) {
      publish({ kind: 'couple-access', coupleId });
      await deps.closeLost(coupleId);
    },
    async purge(names, reason) {
      publish({ kind: 'purge', names: [...names], reason });
      await deps.collab.purge(names, reason);
    },
    close: unsubscribe,
  };
}
