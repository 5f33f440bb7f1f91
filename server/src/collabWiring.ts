/**
 * The /collab server as this app uses it: who may open which map doc (DocAccess), what a connection may write
 * (the map's rules), where docs are stored (CollabStore), and, with several processes, the Redis relay and the
 * control channel that closes connections on the others too. The collab core (collab/) knows none of this.
 */
import { parseDocName } from '@tandem/shared';
import type { Access } from './access/access.js';
import { collabOwnEnd, type ExpiryWatch, type IdleWatch } from './access/liveConnections.js';
import { CollabServer, CollabRefusal } from './collab/collabServer.js';
import { CollabStore } from './collab/collabStore.js';
import type { AppContext } from './context.js';
import type { Storage } from './db/database.js';
import { DocAccess, type CollabContext } from './features/map/docAccess.js';
import type { MapService } from './features/map/map.service.js';
import { RedisDocRelay, collabControl, type CollabControl, type Liveness, type RedisLink } from './scale/scaleOut.js';

export interface CollabDeps {
  ctx: AppContext;
  storage: Storage;
  access: Access;
  map: MapService;
  expiry: ExpiryWatch;
  idleWatch: IdleWatch;
  redis: RedisLink | null;
  /** With `redis`: this process's liveness id is the relay's origin (scale/liveness.ts). */
  liveness: Liveness | null;
}

export interface CollabWiring {
  collab: CollabServer<CollabContext>;
  collabStore: CollabStore;
  /** Closes the connections of a couple's docs whose people lost their access. */
  closeLost(coupleId: string): Promise<void>;
  /** Several processes only: what closes /collab connections here closes them on the others too. */
  control: CollabControl | null;
}

export function createCollab(deps: CollabDeps): CollabWiring {
  const { ctx, storage, access, map, expiry, idleWatch, redis, liveness } = deps;
  const { config, clock, logger } = ctx;
  const docAccess = new DocAccess(ctx, access);
  const collabStore = new CollabStore(storage.db, clock, { sqlite: storage.sqlite, kind: storage.kind });
  const benchToken = config.benchToken;
  // A benchmark connection (BENCH_TOKEN set, never in production) on a doc that is none of ours: no content rules.
  const isBench = (c: CollabContext) => Boolean(benchToken) && c.therapistId === 'bench' && c.credentialHash === null;
  const collab = new CollabServer<CollabContext>(
    {
      authorize: async (req, name, params) => {
        // Benchmarks only (BENCH_TOKEN set): any name that is not one of our doc names, with the token.
        if (benchToken && parseDocName(name) === null) {
          if (params.get('token') !== benchToken) throw new CollabRefusal(4401, 'Bad bench token');
          return {
            role: 'therapist',
            name: 'bench',
            therapistId: 'bench',
            partnerId: null,
            slot: null,
            sessionId: null,
            coupleId: name,
            docName: name,
            credentialHash: null,
            deviceId: null,
            expiresAt: Number.MAX_SAFE_INTEGER,
          };
        }
        const c = await docAccess.authorize(req, name, params);
        // The connection ends when its credential expires (announced once per credential).
        const own = collabOwnEnd(c);
        if (own) expiry.watch(own, c.expiresAt);
        if (c.role === 'therapist' && c.credentialHash) idleWatch.watch(c.credentialHash);
        return c;
      },
      // A benchmark connection pays the lock read a partner's map edit pays (one per update), on its own doc.
      writeGate: (c, name) => (isBench(c) ? map.lockGate(c.coupleId) : map.writeGate(c, name)),
      canWrite: (c, name, update, doc, barred) => (isBench(c) ? !barred : map.canWrite(c, name, update, doc, barred)),
      presence: (c) => ({ key: c.partnerId ?? `therapist:${c.therapistId}`, name: c.name, role: c.role }),
      // A supervisor watches unseen: the partners never see their cursor or their name on a doc.
      unseen: (c) => c.readOnly === true,
      // Benchmark docs only (BENCH_TOKEN, never in production): their writers replay thousands of updates at once.
      rateLimited: (c) => !isBench(c),
      rateKey: (c) => c.partnerId ?? `therapist:${c.therapistId}`,
      load: (name) => collabStore.load(name),
      store: (name, update) => collabStore.store(name, update),
      unload: async (name) => {
        await collabStore.compact(name);
        collabStore.forget(name);
      },
      onError: (err, name) => logger.error({ err, doc: name.split('.')[0] }, 'collab error'),
    },
    {
      maxMessageBytes: config.collabMaxMessageBytes,
      ...(redis && liveness ? { relay: new RedisDocRelay(redis, logger, liveness) } : {}),
    },
  );
  map.collab = collab;
  const closeLost = (coupleId: string) => docAccess.closeLost(collab, coupleId);
  const control = redis ? collabControl(redis, { collab, ends: ctx.credentialEnds, closeLost, logger }) : null;
  map.durable = () => collabStore.drain();
  return { collab, collabStore, closeLost, control };
}
