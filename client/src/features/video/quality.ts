/** Connection quality from WebRTC stats, pure: a sample in, a plain rating out. */

export type Quality = 'unknown' | 'good' | 'fair' | 'poor';

export interface StatsSample {
  /** Round-trip time of the selected candidate pair, ms. */
  rttMs: number | null;
  /** Cumulative packets received / lost over all inbound streams. */
  packetsReceived: number;
  packetsLost: number;
  /** Frames per second of the inbound video; null when no video is expected. */
  fps: number | null;
}

export interface QualityReading {
  quality: Quality;
  rttMs: number | null;
  lossPct: number | null;
  fps: number | null;
}

/** Rates the interval between two samples (loss is computed on the difference, not since the start). */
export function rateQuality(prev: StatsSample | null, next: StatsSample, expectVideo: boolean): QualityReading {
  const received = prev ? next.packetsReceived - prev.packetsReceived : next.packetsReceived;
  const lost = prev ? next.packetsLost - prev.packetsLost : next.packetsLost;
  const total = received + Math.max(0, lost);
  const lossPct = total > 0 ? (Math.max(0, lost) / total) * 100 : null;
  const fps = expectVideo ? next.fps : null;
  if (next.rttMs === null && lossPct === null) return { quality: 'unknown', rttMs: null, lossPct, fps };
  const rtt = next.rttMs ?? 0;
  const loss = lossPct ?? 0;
  const lowFps = fps !== null && fps < 8;
  let quality: Quality = 'good';
  if (rtt > 400 || loss > 8 || (fps !== null && fps < 4)) quality = 'poor';
  else if (rtt > 200 || loss > 3 || lowFps) quality = 'fair';
  return { quality, rttMs: next.rttMs, lossPct, fps };
}

/** Reads what rateQuality needs from an RTCStatsReport. */
export function sampleFromReport(report: RTCStatsReport): StatsSample {
  let rttMs: number | null = null;
  let packetsReceived = 0;
  let packetsLost = 0;
  let fps: number | null = null;
  report.forEach((s: Record<string, unknown>) => {
    if (s['type'] === 'candidate-pair' && s['nominated'] && s['state'] === 'succeeded') {
      const rtt = s['currentRoundTripTime'];
      if (typeof rtt === 'number') rttMs = rtt * 1000;
    }
    if (s['type'] === 'inbound-rtp') {
      packetsReceived += Number(s['packetsReceived'] ?? 0);
      packetsLost += Number(s['packetsLost'] ?? 0);
      if (s['kind'] === 'video' && typeof s['framesPerSecond'] === 'number') fps = s['framesPerSecond'];
    }
  });
  return { rttMs, packetsReceived, packetsLost, fps };
}
