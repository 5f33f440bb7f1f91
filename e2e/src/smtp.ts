/** A real SMTP server in this process for e-mail journeys and screenshots: each message parsed and kept. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language: string;
}

export interface LocalSmtp {
  readonly url: string;
  received: CapturedMail[];
  /** Down: the port refuses connections. */
  down(): Promise<void>;
  /** Up again on the same port. */
  up(): Promise<void>;
}

export async function localSmtp(): Promise<LocalSmtp> {
  const received: CapturedMail[] = [];
  let port = 0;
  let server: SMTPServer | undefined;
  const up = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            const to = Array.isArray(m.to) ? m.to[0] : m.to;
            const language = m.headers.get('content-language');
            received.push({
              to: to?.value[0]?.address ?? '',
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
              language: typeof language === 'string' ? language : '',
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  const down = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = undefined;
      if (s) s.close(() => resolve());
      else resolve();
    });
  await up();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    down,
    up,
  };
}
