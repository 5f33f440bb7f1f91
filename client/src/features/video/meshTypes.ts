/** What the peer mesh shows the video UI: each remote person's connection and media, and who is in the call. */
import type { IceServerDto } from '@tandem/shared';
import type { TandemSocket } from '../session/useSessionSocket';
import type { QualityReading } from './quality';

export type PeerState = 'connecting' | 'connected' | 'reconnecting';

/** What a remote person tells us about their own media, over the data channel. */
export interface RemoteMedia {
  micOn: boolean;
  camOn: boolean;
  audioOnly: boolean;
}

export interface PeerView {
  personId: string;
  state: PeerState;
  stream: MediaStream | null;
  media: RemoteMedia | null;
  quality: QualityReading | null;
  /** Several poor readings in a row: show the plain-words hint. */
  weak: boolean;
}

export interface MeshSnapshot {
  peers: PeerView[];
  /** People in the call (media ready), as the server told us. */
  present: string[];
}

export interface MeshOptions {
  socket: TandemSocket;
  selfId: string;
  therapistId: string;
  iceServers: IceServerDto[];
  /** The tracks a new connection starts sending. */
  sendTracks: () => MediaStreamTrack[];
  /** What we tell others about our media. */
  localMedia: () => RemoteMedia;
}
