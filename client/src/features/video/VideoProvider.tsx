import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { BreakoutState, IceConfigDto, VideoSnapshot } from '@tandem/shared';
import { request } from '../../lib/api';
import type { AppError } from '../../lib/api';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { LocalMedia } from './localMedia';
import type { MediaPrefs } from './localMedia';
import type { PeerMesh } from './mesh';
import { LocalMediaContext, VideoContext } from './VideoContext';
import type { CallPhase, VideoContextValue } from './VideoContext';

const storageKey = (sessionId: string) => `tandem.video.${sessionId}`;

function storedPrefs(sessionId: string): MediaPrefs | null {
  try {
    const raw = sessionStorage.getItem(storageKey(sessionId));
    return raw ? (JSON.parse(raw) as MediaPrefs) : null;
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    /** Read-only view of the peer connections, for end-to-end tests and support. */
    __tandemVideo?: { peers: () => ReturnType<PeerMesh['debug']> };
  }
}

/**
 * Owns the person's media and their place in the call. Mount it around the room (inside the session socket);
 * nothing is opened until the person joins from the preview (or rejoins after a reload).
 */
export function VideoProvider({ children, media: given }: { children: ReactNode; media?: LocalMedia }) {
  const { sessionId, socket, self, participants, emitWithAck } = useSessionSocket();
  // A partner's page hands in the LocalMedia their waiting-room check opened, so the call starts with it.
  const [media] = useState(() => given ?? new LocalMedia());
  const [mesh, setMesh] = useState<PeerMesh | null>(null);
  const [phase, setPhase] = useState<CallPhase>('preview');
  const [joinError, setJoinError] = useState<AppError | null>(null);
  const [breakout, setBreakout] = useState<BreakoutState | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const selfId = self?.id ?? null;
  const therapistId = participants.find((p) => p.role === 'therapist')?.id ?? null;

  useEffect(() => {
    media.activate();
    return () => media.dispose();
  }, [media]);

  useEffect(() => {
    if (!mesh) return;
    const offTracks = media.onSendTrack((kind, track) => mesh.replaceTrack(kind, track));
    let last = '';
    const offState = media.subscribe(() => {
      const key = JSON.stringify(media.localMediaView());
      if (key !== last) {
        last = key;
        mesh.announceMedia();
      }
    });
    window.__tandemVideo = { peers: () => mesh.debug() };
    return () => {
      offTracks();
      offState();
      mesh.dispose();
      delete window.__tandemVideo;
    };
  }, [mesh, media]);

  useEffect(() => mesh?.setBreakout(breakout), [mesh, breakout]);

  // The breakout state, on every (re)connect and as it changes.
  useEffect(() => {
    const hello = async () => {
      const res = await emitWithAck('video:hello', {});
      if (!res.ok) return;
      const data: VideoSnapshot = res.data;
      setBreakout(data.breakout);
      setClockOffset(data.serverTime - Date.now());
    };
    if (socket.connected) void hello();
    socket.on('connect', hello);
    return () => {
      socket.off('connect', hello);
    };
  }, [socket, emitWithAck]);
  useSessionEvent('breakout:state', (state) => setBreakout(state));

  const join = useCallback(
    async (prefs: MediaPrefs) => {
      if (!selfId || !therapistId) return;
      setPhase('joining');
      setJoinError(null);
      // The peer connections (simple-peer and its stream polyfills) load when someone joins the call, not with
      // the room: the preview needs none of it.
      const meshModule = import('./mesh').catch(() => null);
      const ice = await request<IceConfigDto>('GET', `/sessions/${sessionId}/ice`);
      if (!ice.ok) {
        setJoinError(ice.error);
        setPhase('preview');
        return;
      }
      if (media.getState().phase !== 'ready') await media.start(prefs);
      media.resumeAudio();
      const loaded = await meshModule;
      if (!loaded) {
        setJoinError({ code: 'NETWORK_ERROR', message: 'the call could not load' });
        setPhase('preview');
        return;
      }
      const next = new loaded.PeerMesh({
        socket,
        selfId,
        therapistId,
        iceServers: ice.data.iceServers,
        sendTracks: () => media.sendTracks(),
        localMedia: () => media.localMediaView(),
      });
      setMesh(next);
      if (!(await next.join())) {
        setJoinError({ code: 'FORBIDDEN', message: 'rtc:join refused' });
        setMesh(null);
        setPhase('preview');
        return;
      }
      sessionStorage.setItem(storageKey(sessionId), JSON.stringify(media.prefs()));
      setPhase('joined');
    },
    [media, sessionId, socket, selfId, therapistId],
  );

  const leave = useCallback(async () => {
    sessionStorage.removeItem(storageKey(sessionId));
    await mesh?.leave();
    setMesh(null);
    setPhase('preview');
  }, [mesh, sessionId]);

  // A reload rejoins the call with the same settings, without the preview.
  const [autoJoin] = useState(() => storedPrefs(sessionId));
  const autoJoined = useRef(false);
  useEffect(() => {
    if (!autoJoin || autoJoined.current || !selfId || !therapistId) return;
    autoJoined.current = true;
    void join(autoJoin);
  }, [autoJoin, selfId, therapistId, join]);

  const value = useMemo<VideoContextValue>(
    () => ({
      media,
      mesh,
      phase,
      joinError,
      breakout,
      clockOffset,
      join,
      leave,
      setMediaPaused: (paused) => media.setMediaPaused(paused),
      startBreakout: async (partnerId, message) => {
        const res = await emitWithAck('breakout:start', { partnerId, ...(message.trim() ? { message } : {}) });
        return res.ok ? null : res.error;
      },
      endBreakout: async () => {
        const res = await emitWithAck('breakout:end', {});
        return res.ok ? null : res.error;
      },
    }),
    [media, mesh, phase, joinError, breakout, clockOffset, join, leave, emitWithAck],
  );
  return (
    <VideoContext.Provider value={value}>
      <LocalMediaContext.Provider value={media}>{children}</LocalMediaContext.Provider>
    </VideoContext.Provider>
  );
}
