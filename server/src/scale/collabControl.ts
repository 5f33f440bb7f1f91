/**
 * What one process decides about /collab connections that other processes hold (issue 17). Socket.IO crosses
 * processes through its adapter, but each process's Yjs connections are its own: a credential that ended, a
 * clinician who lost a couple, data that was deleted must close those connections on every process. The deciding
 * process acts locally as before and appends the fact to a Redis stream (`<prefix>collab-control`); the others
 * read the stream and act on it.
 *
 * A stream, not pub/sub: a process cut off from Redis for a while reads on from the last entry it saw once it is
 * back, so a link revoked during an outage still closes its connections there (pub/sub would have dropped the
 * message for it). A fact that could not be appended (Redis away longer than the offline queue waits) is kept and
 * appended once Redis is back.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CloseCode } from '@tandem/shared';
import { endsCollab } from '../access/liveConnections.js';
import { reasonOf, type CredentialEnd, type CredentialEnds } from '../access/credentialEnds.js';
import type { CollabServer } from '../collab/collabServer.js';
import type { CollabContext } from '../features/map/docAccess.js';
import type { Logger } from '../lib/logger.js';
import { redisRetryDelay, type RedisLink } from './redisLink.js';

type Control =
  | { kind: 'credential-end'; end: CredentialEnd }
  | { kind: 'couple-access'; coupleId: string }
  | { kind: 'purge'; names: string[]; reason: string };

/** Entries the stream keeps (approximately): far more than a practice's processes miss in an outage. */
export const CONTROL_STREAM_MAXLEN = 10_000;
/** How long one blocking read waits for new entries (then it reads again; `close` ends it at once). */
const READ_BLOCK_MS = 5_000;
/** Entries read at a time. */
const READ_COUNT = 100;
/** Facts kept while they cannot be appended (oldest dropped past it, logged). */
const MAX_PENDING = 1_000;

export interface CollabControlDeps {
  collab: Pick<CollabServer<CollabContext>, 'disconnectWhere' | 'purge'>;
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
  /** Stops publishing and reading. */
  close(): void;
}

export function collabControl(link: RedisLink, deps: CollabControlDeps): CollabControl {
  const stream = `${link.prefix}collab-control`;
  const origin = randomUUID();
  let closed = false;

  // Appending: through the command connection (its offline queue holds a fact through a short outage); what still
  // fails waits in `pending` and goes out, in order, once the connection is ready again.
  const pending: string[] = [];
  let flushing = false;
  const append = (payload: string) =>
    link.command.xadd(stream, 'MAXLEN', '~', CONTROL_STREAM_MAXLEN, '*', 'origin', origin, 'control', payload);
  const flush = async () => {
    if (flushing || closed) return;
    flushing = true;
    try {
      while (pending.length > 0 && !closed && link.command.status === 'ready') {
        await append(pending[0]!);
        pending.shift();
      }
    } catch (err) {
      deps.logger.warn({ err, pending: pending.length }, 'collab control not appended yet');
    } finally {
      flushing = false;
    }
  };
  const publish = (control: Control) => {
    const payload = JSON.stringify(control);
    if (pending.length > 0) {
      keep(payload);
      return void flush();
    }
    append(payload).catch((err: unknown) => {
      deps.logger.warn({ err, kind: control.kind }, 'collab control kept until Redis is back');
      keep(payload);
    });
  };
  const keep = (payload: string) => {
    pending.push(payload);
    if (pending.length > MAX_PENDING) {
      pending.shift();
      deps.logger.error({}, 'collab control dropped: Redis away too long');
    }
  };
  const onReady = () => void flush();
  link.command.on('ready', onReady);

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
  const receive = (fields: string[]) => {
    const get = (name: string) => {
      const at = fields.indexOf(name);
      return at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
    };
    if (get('origin') === origin) return;
    try {
      act(JSON.parse(get('control') ?? '') as Control);
    } catch (err) {
      deps.logger.warn({ err }, 'bad collab control entry');
    }
  };

  // Reading: its own connection, as XREAD BLOCK holds it. Every read starts after the last entry seen, so nothing
  // appended while this process was cut off is missed.
  const reader: Redis = link.command.duplicate({ connectionName: 'tandem-control' });
  reader.on('error', () => undefined);
  const read = async () => {
    let last: string | null = null;
    for (let attempt = 0; !closed;) {
      try {
        // Where to start: after the newest entry when this process starts (older facts concern connections that
        // no longer exist).
        if (last === null) {
          const newest = (await reader.xrevrange(stream, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
          last = newest[0]?.[0] ?? '0-0';
        }
        const got = (await reader.xread('COUNT', READ_COUNT, 'BLOCK', READ_BLOCK_MS, 'STREAMS', stream, last)) as Array<
          [string, Array<[string, string[]]>]
        > | null;
        attempt = 0;
        for (const [, entries] of got ?? []) {
          for (const [id, fields] of entries) {
            last = id;
            receive(fields);
          }
        }
      } catch {
        if (closed) return;
        await new Promise((resolve) => setTimeout(resolve, redisRetryDelay(attempt++)).unref());
      }
    }
  };
  void read();

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
    close() {
      closed = true;
      unsubscribe();
      link.command.off('ready', onReady);
      reader.disconnect();
    },
  };
}
