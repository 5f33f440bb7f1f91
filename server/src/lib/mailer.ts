import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language (Content-Language). */
  language: string;
}

/** Sends e-mail through the configured SMTP server. A failure rejects with nodemailer's error (code, responseCode). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** How long an SMTP server that does not answer is waited for: never long enough to hold a request for minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createMailer(config: MailConfig): Mailer {
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl, { from: config.from, ...SMTP_TIMEOUTS });
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transport.close(),
  };
}

/** A short, content-free reason for a failed send (for logs and the therapist's view): an SMTP code or error code. */
export function mailErrorReason(err: unknown): string {
  const e = err as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') return `SMTP ${e.responseCode}`;
  if (typeof e.code === 'string' && /^[A-Z_]{2,40}$/.test(e.code)) return e.code;
  return 'ERROR';
}
