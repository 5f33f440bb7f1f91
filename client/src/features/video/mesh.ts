/**
 * The full mesh: one simple-peer connection per other person in the call, signaled over the session socket.
 *
 * Who offers: for each pair, the person with the smaller id. The other side answers whatever offer arrives
 * (a new connId replaces the old connection). A connection that fails is rebuilt by the offering side; the
 * answering side asks for that with a `restart` signal. The breakout decides which pairs may exist at all.
 */
import SimplePeer from 'simple-peer';
import { breakoutAllows } from '@tandem/shared';
import type { BreakoutState, RtcSignal, RtcSignalMessage } from '@tandem/shared';
import { emitWithAck } from '../session/useSessionSocket';
import { rateQuality, sampleFromReport } from './quality';
import type { StatsSample } from './quality';
import type { MeshOptions, MeshSnapshot, PeerView, RemoteMedia } from './meshTypes';

interface Peer {
  personId: string;
  connId: string;
  initiator: boolean;
  sp: SimplePeer.Instance;
  view: PeerView;
  lastSample: StatsSample | null;
  poorCount: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  closing: boolean;
}

const RETRY_MS = 800;
const DISCONNECTED_GRACE_MS = 4000;
const RESTART_REPEAT_MS = 6000;
const STATS_MS = 2000;

const newConnId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

export class PeerMesh {
  private readonly peers = new Map<string, Peer>();
  /** People whose media is in the call, as the server told us. */
  private readonly present = new Set<string>();
  private breakout: BreakoutState | null = null;
  private joined = false;
  private views: PeerView[] = [];
  private snapshot: MeshSnapshot = { peers: [], present: [] };
  private readonly listeners = new Set<() => void>();
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(private opts: MeshOptions) {
    const s = opts.socket;
    s.on('rtc:signal', this.onSignal);
    s.on('rtc:peer-joined', this.onPeerJoined);
    s.on('rtc:peer-left', this.onPeerLeft);
    s.on('connect', this.onReconnect);
    this.statsTimer = setInterval(() => void this.pollStats(), STATS_MS);
  }

  getSnapshot = (): MeshSnapshot => this.snapshot;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  setIceServers(iceServers: MeshOptions['iceServers']): void {
    this.opts = { ...this.opts, iceServers };
  }

  /** Enters the call: the server answers who is already there. */
  async join(): Promise<boolean> {
    this.joined = true;
    const res = await emitWithAck(this.opts.socket, 'rtc:join', {});
    if (!res.ok) return false;
    for (const id of res.data.peers) this.present.add(id);
    this.reconcile();
    return true;
  }

  async leave(): Promise<void> {
    this.joined = false;
    this.present.clear();
    for (const id of [...this.peers.keys()]) this.drop(id);
    await emitWithAck(this.opts.socket, 'rtc:leave', {});
  }

  setBreakout(breakout: BreakoutState | null): void {
    this.breakout = breakout;
    this.reconcile();
  }

  /** The local media changed: swap what every connection sends, without renegotiating. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack): void {
    for (const p of this.peers.values()) {
      const wantsVideo = !(p.view.media?.audioOnly ?? false);
      void this.senderOf(p, kind)?.replaceTrack(kind === 'video' && !wantsVideo ? null : track);
    }
  }

  /** Tell everyone our mic / camera state (a remote tile shows it). */
  announceMedia(): void {
    for (const p of this.peers.values()) this.sendMedia(p);
  }

  /** For tests and support: every connection and its browser-level state. */
  debug(): { personId: string; connectionState: string; iceConnectionState: string }[] {
    return [...this.peers.values()].map((p) => {
      const pc = this.pcOf(p);
      return {
        personId: p.personId,
        connectionState: pc?.connectionState ?? 'new',
        iceConnectionState: pc?.iceConnectionState ?? 'new',
      };
    });
  }

  dispose(): void {
    this.disposed = true;
    const s = this.opts.socket;
    s.off('rtc:signal', this.onSignal);
    s.off('rtc:peer-joined', this.onPeerJoined);
    s.off('rtc:peer-left', this.onPeerLeft);
    s.off('connect', this.onReconnect);
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const id of [...this.peers.keys()]) this.drop(id);
    this.listeners.clear();
  }

  private allowed(personId: string): boolean {
    return breakoutAllows(this.breakout, this.opts.therapistId, this.opts.selfId, personId);
  }

  private offersTo(personId: string): boolean {
    return this.opts.selfId < personId;
  }

  /** Makes the set of connections match who is present and allowed. */
  private reconcile(): void {
    if (this.disposed) return;
    for (const id of [...this.peers.keys()]) {
      if (!this.joined || !this.present.has(id) || !this.allowed(id)) this.drop(id);
    }
    if (!this.joined) return this.publish();
    for (const id of this.present) {
      if (!this.peers.has(id) && this.allowed(id) && this.offersTo(id)) this.create(id, true, newConnId());
    }
    this.publish();
  }

  private onReconnect = (): void => {
    // The socket came back (server restart or network): rejoin the call; the server forgot us.
    if (this.joined) void this.join();
  };

  private onPeerJoined = ({ personId }: { personId: string }): void => {
    if (personId === this.opts.selfId) return;
    this.present.add(personId);
    // A person who joins again (a reload) starts from scratch.
    if (this.peers.has(personId) && this.offersTo(personId)) this.drop(personId);
    this.reconcile();
  };

  private onPeerLeft = ({ personId }: { personId: string }): void => {
    this.present.delete(personId);
    this.reconcile();
  };

  private onSignal = ({ from, connId, signal }: RtcSignalMessage): void => {
    if (!this.joined || this.disposed || !this.allowed(from)) return;
    this.present.add(from);
    const existing = this.peers.get(from);
    if (signal.type === 'restart') {
      if (this.offersTo(from)) this.rebuild(from);
      return;
    }
    if (signal.type === 'offer' && (!existing || existing.connId !== connId)) {
      if (existing && existing.initiator && this.offersTo(from)) return; // we offer for this pair; ignore theirs
      this.drop(from, true);
      const peer = this.create(from, false, connId);
      peer.sp.signal(signal as SimplePeer.SignalData);
      this.publish();
      return;
    }
    if (existing && existing.connId === connId) existing.sp.signal(signal as SimplePeer.SignalData);
  };

  private create(personId: string, initiator: boolean, connId: string): Peer {
    const stream = new MediaStream(this.opts.sendTracks());
    const sp = new SimplePeer({
      initiator,
      stream,
      trickle: true,
      config: { iceServers: this.opts.iceServers },
    });
    const previous = this.views.find((v) => v.personId === personId);
    const peer: Peer = {
      personId,
      connId,
      initiator,
      sp,
      view: {
        personId,
        state: previous ? 'reconnecting' : 'connecting',
        stream: null,
        media: previous?.media ?? null,
        quality: null,
        weak: false,
      },
      lastSample: null,
      poorCount: 0,
      retryTimer: null,
      closing: false,
    };
    this.peers.set(personId, peer);
    const current = () => this.peers.get(personId) === peer;
    sp.on('signal', (data: SimplePeer.SignalData) => {
      if (!current()) return;
      void emitWithAck(this.opts.socket, 'rtc:signal', { to: personId, connId, signal: data as RtcSignal });
    });
    sp.on('stream', (remote: MediaStream) => {
      if (!current()) return;
      this.update(peer, { stream: remote });
    });
    sp.on('connect', () => {
      if (!current()) return;
      this.update(peer, { state: 'connected' });
      this.sendMedia(peer);
    });
    sp.on('data', (chunk: Uint8Array | string) => {
      if (!current()) return;
      this.onData(peer, typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    });
    sp.on('iceStateChange', (ice: RTCIceConnectionState) => {
      if (!current()) return;
      if (ice === 'disconnected') {
        this.update(peer, { state: 'reconnecting' });
        this.schedule(peer, DISCONNECTED_GRACE_MS, () => this.recover(peer));
      } else if (ice === 'connected' || ice === 'completed') {
        this.clearTimer(peer);
        if (peer.sp.connected) this.update(peer, { state: 'connected' });
      }
    });
    sp.on('error', () => undefined); // 'close' follows; recovery happens there
    sp.on('close', () => {
      if (!current() || peer.closing) return;
      this.recover(peer);
    });
    return peer;
  }

  /** A connection died on its own: rebuild it (offering side) or ask for that (answering side). */
  private recover(peer: Peer): void {
    if (this.disposed || this.peers.get(peer.personId) !== peer) return;
    const id = peer.personId;
    if (!this.present.has(id) || !this.allowed(id) || !this.joined) return this.drop(id);
    if (this.offersTo(id)) {
      this.update(peer, { state: 'reconnecting' });
      this.schedule(peer, RETRY_MS, () => this.rebuild(id));
    } else {
      this.update(peer, { state: 'reconnecting' });
      const ask = () => {
        void emitWithAck(this.opts.socket, 'rtc:signal', { to: id, connId: peer.connId, signal: { type: 'restart' } });
        this.schedule(peer, RESTART_REPEAT_MS, ask);
      };
      ask();
    }
  }

  private rebuild(personId: string): void {
    this.drop(personId, true);
    if (this.joined && this.present.has(personId) && this.allowed(personId)) this.create(personId, true, newConnId());
    this.publish();
  }

  /** Closes a connection on purpose (no recovery). `keepView` keeps the tile while a new one is built. */
  private drop(personId: string, keepView = false): void {
    const peer = this.peers.get(personId);
    if (!peer) return;
    peer.closing = true;
    this.clearTimer(peer);
    this.peers.delete(personId);
    peer.sp.destroy();
    if (!keepView) this.views = this.views.filter((v) => v.personId !== personId);
    this.publish();
  }

  private schedule(peer: Peer, ms: number, fn: () => void): void {
    this.clearTimer(peer);
    peer.retryTimer = setTimeout(() => {
      peer.retryTimer = null;
      if (this.peers.get(peer.personId) === peer && !this.disposed) fn();
    }, ms);
  }

  private clearTimer(peer: Peer): void {
    if (peer.retryTimer) clearTimeout(peer.retryTimer);
    peer.retryTimer = null;
  }

  private onData(peer: Peer, text: string): void {
    try {
      const msg = JSON.parse(text) as { t?: unknown } & Partial<RemoteMedia>;
      if (msg.t !== 'media') return;
      const media: RemoteMedia = { micOn: !!msg.micOn, camOn: !!msg.camOn, audioOnly: !!msg.audioOnly };
      const wasAudioOnly = peer.view.media?.audioOnly ?? false;
      this.update(peer, { media });
      if (media.audioOnly !== wasAudioOnly) {
        // They want no pictures: stop sending ours to them (and start again when they do).
        const video = this.opts.sendTracks()[1] ?? null;
        void this.senderOf(peer, 'video')?.replaceTrack(media.audioOnly ? null : video);
      }
    } catch {
      // not ours; ignore
    }
  }

  private sendMedia(peer: Peer): void {
    if (!peer.sp.connected) return;
    try {
      peer.sp.send(JSON.stringify({ t: 'media', ...this.opts.localMedia() }));
    } catch {
      // channel closing; the next connect sends it again
    }
  }

  private pcOf(peer: Peer): RTCPeerConnection | null {
    return (peer.sp as unknown as { _pc?: RTCPeerConnection })._pc ?? null;
  }

  private senderOf(peer: Peer, kind: 'audio' | 'video'): RTCRtpSender | null {
    const pc = this.pcOf(peer);
    if (!pc || pc.signalingState === 'closed') return null;
    const t = pc.getTransceivers().find((tr) => tr.receiver.track.kind === kind && tr.sender);
    return t?.sender ?? null;
  }

  private async pollStats(): Promise<void> {
    for (const peer of this.peers.values()) {
      const pc = this.pcOf(peer);
      if (!pc || !peer.sp.connected) continue;
      try {
        const sample = sampleFromReport(await pc.getStats());
        const expectVideo = !!peer.view.media?.camOn && !(peer.view.media?.audioOnly ?? false);
        const quality = rateQuality(peer.lastSample, sample, expectVideo);
        peer.lastSample = sample;
        peer.poorCount = quality.quality === 'poor' ? peer.poorCount + 1 : 0;
        const weak = peer.poorCount >= 2;
        // Told to the room only when what it shows changes (the rating, the hint): each new snapshot re-renders
        // the whole video region, every two seconds per person otherwise.
        if (quality.quality === peer.view.quality?.quality && weak === peer.view.weak) {
          peer.view = { ...peer.view, quality, weak };
        } else this.update(peer, { quality, weak });
      } catch {
        // closed meanwhile
      }
    }
  }

  private update(peer: Peer, patch: Partial<PeerView>): void {
    peer.view = { ...peer.view, ...patch };
    this.publish();
  }

  private publish(): void {
    const live = new Map([...this.peers.values()].map((p) => [p.personId, p.view]));
    // Keep a tile for a connection being rebuilt (reconnecting), drop the rest.
    const kept = this.views.filter((v) => !live.has(v.personId) && v.state === 'reconnecting');
    this.views = [...live.values(), ...kept].sort((a, b) => a.personId.localeCompare(b.personId));
    this.snapshot = { peers: this.views, present: [...this.present] };
    for (const fn of this.listeners) fn();
  }
}
