/**
 * Everything a page receives over the network, captured with the Chrome DevTools Protocol:
 * every WebSocket frame (text, and binary as bytes) and every HTTP response body.
 */
import type { Page } from 'playwright-core';

export interface WireCapture {
  frames: Buffer[];
  bodies: Buffer[];
  /** Every place `marker` appears, in the encodings the app uses (UTF-8 text and bytes, JSON, base64). */
  find(marker: string): string[];
  stop(): Promise<void>;
}

function base64Variants(marker: string): string[] {
  // A marker inside base64 data is encoded differently at each of three byte offsets; keep the stable middle part.
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.from('x'.repeat(pad) + marker).toString('base64');
    const skip = Math.ceil((pad * 4) / 3) + 1;
    out.push(b64.slice(skip, b64.length - 3));
  }
  return out.filter((v) => v.length >= 8);
}

export async function captureWire(page: Page): Promise<WireCapture> {
  const cdp = await page.context().newCDPSession(page);
  const frames: Buffer[] = [];
  const bodies: Buffer[] = [];
  const pending: Promise<void>[] = [];
  await cdp.send('Network.enable', { maxTotalBufferSize: 64 * 1024 * 1024, maxResourceBufferSize: 16 * 1024 * 1024 });
  cdp.on('Network.webSocketFrameReceived', ({ response }) => {
    frames.push(
      response.opcode === 2 ? Buffer.from(response.payloadData, 'base64') : Buffer.from(response.payloadData, 'utf8'),
    );
  });
  cdp.on('Network.loadingFinished', ({ requestId }) => {
    pending.push(
      cdp
        .send('Network.getResponseBody', { requestId })
        .then((r) => void bodies.push(r.base64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8')))
        .catch(() => undefined),
    );
  });
  return {
    frames,
    bodies,
    find(marker) {
      const needles = [marker, JSON.stringify(marker).slice(1, -1), ...base64Variants(marker)];
      const hits: string[] = [];
      const scan = (kind: string, list: Buffer[]) =>
        list.forEach((buf, i) => {
          for (const n of needles) if (buf.includes(Buffer.from(n, 'utf8'))) hits.push(`${kind} #${i} contains "${n}"`);
        });
      scan('frame', frames);
      scan('body', bodies);
      return hits;
    },
    async stop() {
      await Promise.all(pending);
      await cdp.detach().catch(() => undefined);
    },
  };
}
