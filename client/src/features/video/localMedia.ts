/**
 * The person's own camera and microphone. Peers always get exactly one audio and one video track to send:
 * the real ones when on, or a silent / blank stand-in, so turning the camera on later needs no renegotiation.
 */

export interface DeviceOption {
  id: string;
  /** Empty when the browser gives no label; the picker then numbers it. */
  label: string;
}

export type MediaError = 'denied' | 'notFound' | 'other';

export interface MediaPrefs {
  micOn: boolean;
  camOn: boolean;
  audioOnly: boolean;
  micId: string | null;
  camId: string | null;
}

export interface LocalMediaState extends MediaPrefs {
  phase: 'idle' | 'acquiring' | 'ready';
  error: MediaError | null;
  /** Paused by the room (a pause card): nothing is sent while true. */
  paused: boolean;
  /** Camera only, for the self view; null while the camera is off. */
  selfView: MediaStream | null;
  /** The microphone, for the local speaking indicator. */
  micStream: MediaStream | null;
  devices: { audio: DeviceOption[]; video: DeviceOption[] };
}

export const DEFAULT_PREFS: MediaPrefs = { micOn: true, camOn: true, audioOnly: false, micId: null, camId: null };

let audioContext: AudioContext | null = null;
/** One AudioContext per page (speaking indicators and the silent stand-in track share it). */
export function sharedAudioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  audioContext ??= new AudioContext();
  return audioContext;
}

type SendTrackListener = (kind: 'audio' | 'video', track: MediaStreamTrack) => void;

function errorOf(err: unknown): MediaError {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  return 'other';
}

export class LocalMedia {
  private state: LocalMediaState = {
    ...DEFAULT_PREFS,
    phase: 'idle',
    error: null,
    paused: false,
    selfView: null,
    micStream: null,
    devices: { audio: [], video: [] },
  };
  private readonly listeners = new Set<() => void>();
  private readonly sendListeners = new Set<SendTrackListener>();
  private mic: MediaStreamTrack | null = null;
  private cam: MediaStreamTrack | null = null;
  private silent: MediaStreamTrack | null = null;
  private blank: MediaStreamTrack | null = null;
  private disposed = false;

  /** Starts listening for device changes (again, after a dispose). */
  activate(): void {
    this.disposed = false;
    navigator.mediaDevices?.addEventListener?.('devicechange', this.refreshDevices);
  }

  /** Audio analysis needs a running AudioContext; call from a user gesture (the join). */
  resumeAudio(): void {
    void sharedAudioContext()?.resume();
  }

  /** What others are told about this person's media. */
  localMediaView(): { micOn: boolean; camOn: boolean; audioOnly: boolean } {
    const { micOn, camOn, audioOnly, paused } = this.state;
    return { micOn: micOn && !paused, camOn: camOn && !audioOnly && !paused, audioOnly };
  }

  getState = (): LocalMediaState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Called with the new track each time what peers should send changes. */
  onSendTrack(fn: SendTrackListener): () => void {
    this.sendListeners.add(fn);
    return () => this.sendListeners.delete(fn);
  }

  /** Opens the devices the prefs ask for (the preview and the join use this). */
  async start(prefs: MediaPrefs): Promise<void> {
    this.set({ ...prefs, phase: 'acquiring', error: null });
    let error: MediaError | null = null;
    if (prefs.micOn || prefs.camOn) {
      try {
        await this.openMic(prefs.micId);
      } catch (err) {
        error = errorOf(err);
      }
    }
    if (prefs.camOn && !prefs.audioOnly) {
      try {
        await this.openCam(prefs.camId);
      } catch (err) {
        error ??= errorOf(err);
        this.set({ camOn: false });
      }
    }
    await this.refreshDevices();
    this.set({ phase: 'ready', error });
    this.apply();
  }

  /** What a new peer connection starts sending. */
  sendTracks(): MediaStreamTrack[] {
    return [this.audioSend(), this.videoSend()];
  }

  async setMic(on: boolean): Promise<void> {
    if (on && !this.mic) await this.tryOpen(() => this.openMic(this.state.micId));
    this.set({ micOn: on && !!this.mic });
    this.apply();
  }

  async setCam(on: boolean): Promise<void> {
    if (on && !this.cam) await this.tryOpen(() => this.openCam(this.state.camId));
    if (!on) this.closeCam();
    this.set({ camOn: on && !!this.cam, ...(on && this.cam ? { audioOnly: false } : {}) });
    this.apply();
  }

  /** Audio only: the camera is released and remote pictures are not shown (peers stop sending them). */
  async setAudioOnly(on: boolean): Promise<void> {
    if (on) this.closeCam();
    this.set({ audioOnly: on, camOn: on ? false : this.state.camOn });
    this.apply();
  }

  /** For the pause feature: while paused nothing is sent (mic muted, camera blank); un-pausing restores. */
  setMediaPaused(paused: boolean): void {
    this.set({ paused });
    this.apply();
  }

  async switchDevice(kind: 'audio' | 'video', id: string): Promise<void> {
    if (kind === 'audio') {
      this.set({ micId: id });
      if (this.mic) await this.tryOpen(() => this.openMic(id));
    } else {
      this.set({ camId: id });
      if (this.cam) await this.tryOpen(() => this.openCam(id));
    }
    this.apply();
  }

  prefs(): MediaPrefs {
    const { micOn, camOn, audioOnly, micId, camId } = this.state;
    return { micOn, camOn, audioOnly, micId, camId };
  }

  dispose(): void {
    this.disposed = true;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.refreshDevices);
    for (const t of [this.mic, this.cam, this.silent, this.blank]) t?.stop();
    this.mic = this.cam = this.silent = this.blank = null;
    this.state = { ...this.state, phase: 'idle', selfView: null, micStream: null };
  }

  private async tryOpen(open: () => Promise<void>): Promise<void> {
    try {
      await open();
      this.set({ error: null });
    } catch (err) {
      this.set({ error: errorOf(err) });
    }
  }

  private async openMic(deviceId: string | null): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: deviceId ? { deviceId: { exact: deviceId } } : true,
    });
    const track = stream.getAudioTracks()[0] ?? null;
    if (this.disposed) return void track?.stop();
    this.mic?.stop();
    this.mic = track;
    this.set({ micId: track?.getSettings().deviceId ?? deviceId, micStream: track ? new MediaStream([track]) : null });
  }

  private async openCam(deviceId: string | null): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: 640 },
        height: { ideal: 360 },
        frameRate: { ideal: 24 },
      },
    });
    const track = stream.getVideoTracks()[0] ?? null;
    if (this.disposed) return void track?.stop();
    this.cam?.stop();
    this.cam = track;
    this.set({ camId: track?.getSettings().deviceId ?? deviceId, selfView: track ? new MediaStream([track]) : null });
  }

  private closeCam(): void {
    this.cam?.stop();
    this.cam = null;
    this.set({ selfView: null });
  }

  private audioSend(): MediaStreamTrack {
    if (this.mic) return this.mic;
    if (!this.silent) {
      const ctx = sharedAudioContext();
      if (!ctx) throw new Error('No Web Audio');
      this.silent = ctx.createMediaStreamDestination().stream.getAudioTracks()[0] as MediaStreamTrack;
    }
    return this.silent;
  }

  private videoSend(): MediaStreamTrack {
    const { camOn, audioOnly, paused } = this.state;
    if (this.cam && camOn && !audioOnly && !paused) return this.cam;
    if (!this.blank) {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      canvas.getContext('2d')?.fillRect(0, 0, 320, 180);
      this.blank = canvas.captureStream(1).getVideoTracks()[0] as MediaStreamTrack;
    }
    return this.blank;
  }

  /** Makes the tracks match the state and tells peers what to send now. */
  private apply(): void {
    if (this.mic) this.mic.enabled = this.state.micOn && !this.state.paused;
    const audio = this.audioSend();
    const video = this.videoSend();
    for (const fn of this.sendListeners) {
      fn('audio', audio);
      fn('video', video);
    }
  }

  private refreshDevices = async (): Promise<void> => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind): DeviceOption[] =>
      all.filter((d) => d.kind === kind && d.deviceId).map((d) => ({ id: d.deviceId, label: d.label }));
    if (this.disposed) return;
    this.set({ devices: { audio: pick('audioinput'), video: pick('videoinput') } });
  };

  private set(patch: Partial<LocalMediaState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }
}
