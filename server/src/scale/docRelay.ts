/**
 * The Yjs relay between processes through Redis pub/sub, one channel per doc (`<prefix>y:<docName>`): a process
 * subscribes to the docs it holds, publishes what its clients stored and their awareness, and applies what the
 * others publish (collab/relay.ts). Pub/sub keeps nothing for a process that was away, so after any outage a
 * process catches up from storage (every update is stored before it is published), and tells the others to do
 * the same (`<prefix>y-resync`): what it published while Redis was away may never have reached them.
 *
 * A process that dies relays nothing more, not even that its people left: each process remembers, per doc, which
 * process last relayed each awareness client id, and removes the entries of a process whose liveness key is gone
 * (liveness.ts). The latest relay wins: a partner whose process died reconnects elsewhere with the same client id,
 * and that process owns it from then on.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { rewriteAwareness } from '../collab/awarenessUpdate.js';
import type { AwarenessKeys } from '../collab/claims.js';
import type { CollabRelay, RelayTarget } from '../collab/relay.js';
import type { Logger } from '../lib/logger.js';
import { ClaimRegistry } from './claimRegistry.js';
import type { Liveness } from './liveness.js';
import type { RedisLink } from './redisLink.js';

/** AWARENESS (an update alone) is what processes sent before the person keys: still read, as keyless. */
const Kind = { UPDATE: 0, AWARENESS: 1, RESYNC: 2, KEYED_AWARENESS: 3, WHO_IS_HERE: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/**
 * How long a doc's load waits for its subscription and the claim registry before it goes on without (a resync
 * follows; the others' people are then learnt from their awareness).
 */
const SUBSCRIBE_WAIT_MS = 2_000;
const ORIGIN_BYTES = 8;
/** Relayed client ids remembered per doc at most (each process binds one id per connection), oldest dropped. */
const MAX_RELAYED_IDS = 1_024;
/** The state of an awareness entry that removes it. */
const REMOVED = Buffer.from('null');

/** Who relayed a client id last: the process (hex origin) and the person key it came with. */
interface Relayed {
  origin: string;
  key: string | undefined;
}

export class RedisDocRelay implements CollabRelay {
  /** Tells this process's own messages apart when they come back on the channel (the liveness id). */
  private readonly origin: Buffer;
  private readonly targets = new Map<string, RelayTarget>();
  /** Per doc: which process relayed each awareness client id last. */
  private readonly relayed = new Map<string, Map<number, Relayed>>();
  private sweeping = false;
  private readonly claims: ClaimRegistry;
  private readonly docPrefix: string;
  private readonly resyncChannel: string;
  private commandWasReady = false;

  constructor(
    private readonly link: RedisLink,
    private readonly logger: Logger,
    private readonly liveness: Liveness,
  ) {
    this.origin = liveness.id;
    if (this.origin.length !== ORIGIN_BYTES) throw new Error('relay origin must be 8 bytes');
    liveness.onTick(() => void this.sweep());
    this.docPrefix = `${link.prefix}y:`;
    this.resyncChannel = `${link.prefix}y-resync`;
    this.claims = new ClaimRegistry(link);
    link.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    link.subscriber.on('ready', () => void this.renew());
    link.command.on('ready', () => {
      // Back after an outage: what we published meanwhile may be lost; the others catch up from storage.
      if (this.commandWasReady) this.publish(this.resyncChannel, Kind.RESYNC, new Uint8Array());
      this.commandWasReady = true;
    });
  }

  async join(docName: string, target: RelayTarget): Promise<void> {
    this.targets.set(docName, target);
    if (this.link.subscriber.status !== 'ready') return; // subscribed, then resynced, once Redis is back
    const deadline = Date.now() + SUBSCRIBE_WAIT_MS;
    const subscribed = this.link.subscriber.subscribe(this.docPrefix + docName);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS)));
    await Promise.race([subscribed.then(() => undefined), waited]).catch((err: unknown) =>
      this.logger.warn({ err }, 'relay subscribe failed (resynced when Redis is back)'),
    );
    clearTimeout(timer);
    // Read after subscribing: a client id claimed elsewhere since is relayed to us (claimRegistry.ts).
    const known = await this.claims.read(docName, deadline - Date.now());
    if (known.size > 0) target.claims(known);
    // The others' people are shown here at once, not only from their next awareness change.
    this.publish(this.docPrefix + docName, Kind.WHO_IS_HERE, new Uint8Array());
  }

  leave(docName: string): void {
    this.targets.delete(docName);
    this.relayed.delete(docName);
    this.claims.forget(docName);
    if (this.link.subscriber.status === 'ready') {
      this.link.subscriber.unsubscribe(this.docPrefix + docName).catch(() => undefined);
    }
  }

  publishUpdate(docName: string, update: Uint8Array): void {
    this.publish(this.docPrefix + docName, Kind.UPDATE, update);
  }

  publishAwareness(docName: string, update: Uint8Array, keys: AwarenessKeys): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, keys.size);
    for (const [id, key] of keys) {
      encoding.writeVarUint(enc, id);
      encoding.writeVarString(enc, key);
    }
    encoding.writeVarUint8Array(enc, update);
    this.claims.register(docName, keys); // before the publish, on the same connection
    this.publish(this.docPrefix + docName, Kind.KEYED_AWARENESS, encoding.toUint8Array(enc));
  }

  private publish(channel: string, kind: Kind, payload: Uint8Array): void {
    const message = Buffer.concat([Buffer.of(kind), this.origin, payload]);
    // A publish that fails (Redis away too long) is made good by the resync that follows the outage.
    this.link.command.publish(channel, message).catch(() => undefined);
  }

  /** The subscriber is (again) ready: renew every subscription, then catch up from storage. */
  private async renew(): Promise<void> {
    const channels = [this.resyncChannel, ...[...this.targets.keys()].map((n) => this.docPrefix + n)];
    try {
      await this.link.subscriber.subscribe(...channels);
    } catch (err) {
      this.logger.warn({ err }, 'relay subscriptions not renewed (retried when Redis is back)');
      return;
    }
    // Docs loaded while Redis was away (or before the first connection) missed what others published meanwhile,
    // and the processes' people changed unseen: each shows its own and asks the others for theirs.
    for (const [name, target] of this.targets) {
      target.resync();
      target.present();
      this.publish(this.docPrefix + name, Kind.WHO_IS_HERE, new Uint8Array());
    }
  }

  private receive(channelBytes: Buffer, message: Buffer): void {
    if (message.length < 1 + ORIGIN_BYTES) return;
    if (message.subarray(1, 1 + ORIGIN_BYTES).equals(this.origin)) return;
    const kind = message[0];
    const payload = new Uint8Array(
      message.buffer,
      message.byteOffset + 1 + ORIGIN_BYTES,
      message.length - 1 - ORIGIN_BYTES,
    );
    const channel = channelBytes.toString();
    if (channel === this.resyncChannel) {
      for (const target of this.targets.values()) target.resync();
      return;
    }
    if (!channel.startsWith(this.docPrefix)) return;
    const docName = channel.slice(this.docPrefix.length);
    const target = this.targets.get(docName);
    if (!target) return;
    const origin = message.subarray(1, 1 + ORIGIN_BYTES).toString('hex');
    if (kind === Kind.UPDATE) target.update(payload);
    else if (kind === Kind.KEYED_AWARENESS) {
      const keyed = readKeyed(payload);
      if (keyed) {
        this.track(docName, origin, keyed.update, keyed.keys);
        target.awareness(keyed.update, keyed.keys);
      } else this.logger.warn({}, 'relay: malformed awareness message dropped');
    } else if (kind === Kind.WHO_IS_HERE) target.present();
    else if (kind === Kind.AWARENESS) {
      this.track(docName, origin, payload, new Map());
      target.awareness(payload, new Map());
    }
  }

  /**
   * Remembers `origin` as the process that shows each client id of a relayed awareness update; an entry it
   * removes is forgotten (unless another process has shown that id since).
   */
  private track(docName: string, origin: string, update: Uint8Array, keys: AwarenessKeys): void {
    let seen = this.relayed.get(docName);
    if (!seen) this.relayed.set(docName, (seen = new Map()));
    const ids = seen;
    try {
      rewriteAwareness(update, ({ clientId, state }) => {
        const last = ids.get(clientId);
        ids.delete(clientId); // re-inserted last: the oldest is dropped first over the cap
        if (REMOVED.equals(state)) {
          if (last && last.origin !== origin) ids.set(clientId, last);
        } else ids.set(clientId, { origin, key: keys.get(clientId) });
        return null;
      });
    } catch {
      // malformed: the target drops it too
    }
    for (const id of ids.keys()) {
      if (ids.size <= MAX_RELAYED_IDS) break;
      ids.delete(id);
    }
  }

  /**
   * Removes, from every doc, the entries last relayed by a process whose liveness key is gone. Only the processes
   * heard from are asked about (one MGET); nothing is concluded while Redis cannot be asked (liveness.ts).
   */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    const heard = new Set<string>();
    for (const ids of this.relayed.values()) for (const r of ids.values()) heard.add(r.origin);
    if (heard.size === 0) return;
    this.sweeping = true;
    try {
      const dead = await this.liveness.dead([...heard]);
      if (!dead || dead.size === 0) return;
      for (const [docName, ids] of this.relayed) {
        const gone = new Map<number, string | undefined>();
        for (const [id, r] of ids) {
          if (!dead.has(r.origin)) continue;
          gone.set(id, r.key);
          ids.delete(id);
        }
        if (gone.size > 0) this.targets.get(docName)?.forget(gone);
      }
    } finally {
      this.sweeping = false;
    }
  }
}

function readKeyed(payload: Uint8Array): { update: Uint8Array; keys: AwarenessKeys } | null {
  try {
    const dec = decoding.createDecoder(payload);
    const keys = new Map<number, string>();
    for (let n = decoding.readVarUint(dec); n > 0; n--)
      keys.set(decoding.readVarUint(dec), decoding.readVarString(dec));
    return { keys, update: decoding.readVarUint8Array(dec) };
  } catch {
    return null;
  }
}
