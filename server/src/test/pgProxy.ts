/**
 * A TCP proxy in front of PostgreSQL that a test can pause: while paused it still accepts connections but
 * forwards no bytes either way (a database that stops answering, a network that black-holes), and on resume it
 * delivers what it held back.
 */
import net from 'node:net';

export interface PgProxy {
  /** The database URL through the proxy. */
  url: string;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

interface Leg {
  from: net.Socket;
  to: net.Socket;
  held: Buffer[];
}

export async function startPgProxy(databaseUrl: string): Promise<PgProxy> {
  const target = new URL(databaseUrl);
  let paused = false;
  const legs = new Set<Leg>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    const pair: Leg[] = [
      { from: client, to: upstream, held: [] },
      { from: upstream, to: client, held: [] },
    ];
    for (const leg of pair) {
      legs.add(leg);
      leg.from.on('data', (chunk: Buffer) => {
        if (paused) leg.held.push(chunk);
        else leg.to.write(chunk);
      });
      leg.from.on('close', () => legs.delete(leg));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const leg of legs) {
        for (const chunk of leg.held.splice(0)) if (!leg.to.destroyed) leg.to.write(chunk);
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
