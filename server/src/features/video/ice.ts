/** ICE servers for one person: STUN as configured, TURN with time-limited credentials (coturn's REST API scheme). */
import { createHmac } from 'node:crypto';
import type { IceConfigDto, IceServerDto } from '@tandem/shared';
import type { IceConfig } from '../../config.js';

/**
 * coturn `use-auth-secret`: username = `<expiry unix seconds>:<user id>`,
 * credential = base64(HMAC-SHA1(static-auth-secret, username)).
 */
export function turnCredential(secret: string, personId: string, expiresAtSec: number) {
  const username = `${expiresAtSec}:${personId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** Pure: nothing is contacted. With no configuration the list is empty (host candidates only). */
export function iceServersFor(config: IceConfig, personId: string, nowMs: number): IceConfigDto {
  const iceServers: IceServerDto[] = [];
  if (config.stunUrls.length) iceServers.push({ urls: [...config.stunUrls] });
  let expiresAt: number | null = null;
  if (config.turnUrls.length && config.turnSecret) {
    const expiresAtSec = Math.floor(nowMs / 1000) + config.turnTtlSeconds;
    iceServers.push({ urls: [...config.turnUrls], ...turnCredential(config.turnSecret, personId, expiresAtSec) });
    expiresAt = expiresAtSec * 1000;
  }
  return { iceServers, expiresAt };
}
