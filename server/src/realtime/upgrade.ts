import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Routes WebSocket upgrades on the one HTTP server: `/socket.io/` is left to engine.io,
 * registered prefixes (e.g. `/collab/`) go to their handler, anything else is answered 404.
 * The Origin of every upgrade is checked first.
 */
export class UpgradeRouter {
  private readonly routes = new Map<string, UpgradeHandler>();

  constructor(
    httpServer: HttpServer,
    private readonly isAllowedOrigin: (origin: string | undefined, req: IncomingMessage) => boolean,
  ) {
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.route(req, socket, head));
  }

  register(prefix: string, handler: UpgradeHandler): void {
    this.routes.set(prefix, handler);
  }

  private route(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/socket.io/')) return; // engine.io answers its own upgrades
    socket.on('error', () => socket.destroy());
    if (!this.isAllowedOrigin(req.headers.origin, req)) return reject(socket, 403, 'Forbidden');
    for (const [prefix, handler] of this.routes) {
      if (path.startsWith(prefix)) return handler(req, socket, head);
    }
    reject(socket, 404, 'Not Found');
  }
}

export function reject(socket: Duplex, status: number, text: string): void {
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}
