import { useEffect, useState } from 'react';
import { sharedAudioContext } from './localMedia';

/** True while the stream's audio is above a speaking level (polled, not per frame). */
export function useSpeaking(stream: MediaStream | null, enabled = true): boolean {
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    const ctx = sharedAudioContext();
    if (!stream || !enabled || !ctx || stream.getAudioTracks().length === 0) return;
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let quietFor = 0;
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(data);
      let sum = 0;
      for (const v of data) sum += (v - 128) * (v - 128);
      const loud = Math.sqrt(sum / data.length) > 6;
      quietFor = loud ? 0 : quietFor + 1;
      setSpeaking(loud || quietFor < 3);
    }, 150);
    return () => {
      clearInterval(timer);
      source.disconnect();
      setSpeaking(false);
    };
  }, [stream, enabled]);
  return speaking;
}
