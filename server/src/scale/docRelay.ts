/**
 * The Yjs relay between processes through Redis pub/sub, one channel per doc (`<prefix>y:<docName>`): a process
 * subscribes to the docs it holds, publishes what its clients stored and their awareness, and applies what the
 * others publish (collab/relay.ts). Pub/sub keeps nothing for a process that was away, so after any outage a
 * process catches up from storage (every update is stored before it is published), and tells the others to do
 * the same (`<prefix>y-resync`): what it published while Redis was away may never have reached them.
 */
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AwarenessKeys } from '../collab/claims.js';
import type { CollabRelay, RelayTarget } from '../collab/relay.js';
import type { Logger } from '../lib/logger.js';
import { ClaimRegistry } from './claimRegistry.js';
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

export class RedisDocRelay implements CollabRelay {
  /** Tells this process's own messages apart when they come back on the channel. */
  private readonly origin = randomBytes(ORIGIN_BYTES);
  private readonly targets = new Map<string, RelayTarget>();
  private readonly claims: ClaimRegistry;
  private readonly docPrefix: string;
  private readonly resyncChannel: string;
  private commandWasReady = false;

  constructor(
    private readonly link: RedisLink,
    private readonly logger: Logger,
  ) {
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
    const target = this.targets.get(channel.slice(this.docPrefix.length));
    if (!target) return;
    if (kind === Kind.UPDATE) target.update(payload);
    else if (kind === Kind.KEYED_AWARENESS) {
      const keyed = readKeyed(payload);
      if (keyed) target.awareness(keyed.update, keyed.keys);
      else this.logger.warn({}, 'relay: malformed awareness message dropped');
    } else if (kind === Kind.WHO_IS_HERE) target.present();
    else if (kind === Kind.AWARENESS) target.awareness(payload, new Map());
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
