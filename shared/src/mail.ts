/**
 * Invitations and reminders by e-mail (issue 16): the wire types and the words of the e-mails, in each partner's
 * language. An e-mail can be read by someone else than the partner (a shared inbox, a phone on the table): it
 * names the therapist and the practice, the time and the link, and nothing else: no couple, no partner names, no
 * title, no notes.
 */
import type { Language } from './domain.js';

export const MAIL_KINDS = ['invite', 'reminder_24h', 'reminder_1h'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** pending: owed, not tried yet; failed: tried, will retry (nextAttemptAt); sent; skipped: no longer owed. */
export const MAIL_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** How long before the session each reminder goes. */
export const REMINDER_LEAD_MS: Record<Exclude<MailKind, 'invite'>, number> = {
  reminder_24h: 24 * 3_600_000,
  reminder_1h: 3_600_000,
};

export const EMAIL_MAX = 254;
export const TIME_ZONE_MAX = 64;

/** True for an IANA time zone name the runtime knows (checked with Intl, not a list of our own). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > TIME_ZONE_MAX) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** GET /api/mail: whether this server sends e-mail. */
export interface MailStatusDto {
  enabled: boolean;
}

/** A partner's contact details: therapist-only, never in anything a partner receives. */
export interface PartnerContactDto {
  partnerId: string;
  email: string | null;
  timeZone: string | null;
}

/** One e-mail owed or sent for a session. */
export interface MailSendDto {
  sessionId: string;
  partnerId: string;
  kind: MailKind;
  state: MailState;
  attempts: number;
  /** When it was last tried or sent (ISO). */
  updatedAt: string;
  /** For a failed one: when it is tried again (ISO). */
  nextAttemptAt: string | null;
}

/** GET /api/sessions/:id/mail, GET /api/couples/:id/mail (the couple's sessions, newest first, at most 500). */
export interface SessionMailDto {
  sends: MailSendDto[];
}

/** POST /api/sessions/:id/invites/:partnerId/email: the link the therapist was just shown (its token). */
export interface EmailInviteBody {
  token: string;
}
export interface EmailInviteResultDto {
  partnerId: string;
  /** failed: the mail server did not take it (the link is still shown, to copy or send again). */
  state: 'sent' | 'failed';
}

interface MailWords {
  inviteSubject: string;
  reminderSubject: string;
  greeting: string;
  /** {therapist} invites you; {practice} is appended when set. */
  inviteLead: string;
  reminderLead24: string;
  reminderLead1: string;
  practiceSuffix: string;
  when: string;
  join: string;
  reminderLink: string;
  linkNote: string;
  reassurance: string;
  noTime: string;
  footer: string;
}

export const MAIL_STRINGS: Record<Language, MailWords> = {
  en: {
    inviteSubject: 'Your Tandem session',
    reminderSubject: 'Reminder: your Tandem session',
    greeting: 'Hello,',
    inviteLead: '{therapist} has invited you to a video session on Tandem.',
    reminderLead24: 'This is a reminder of your video session on Tandem with {therapist}, tomorrow.',
    reminderLead1: 'This is a reminder of your video session on Tandem with {therapist}, in about an hour.',
    practiceSuffix: ' ({practice})',
    when: 'When: {time}',
    join: 'Join the session',
    reminderLink: 'To join, open the link from your invitation e-mail, or ask your therapist for a new one.',
    linkNote: 'This link is personal: please do not forward it.',
    reassurance:
      'No account or installation is needed: open the link on a computer or phone a few minutes early, somewhere you can talk privately.',
    noTime: 'at a time your therapist will confirm',
    footer: 'Sent by Tandem on behalf of your therapist. If this was not meant for you, you can ignore it.',
  },
  es: {
    inviteSubject: 'Su sesión en Tandem',
    reminderSubject: 'Recordatorio: su sesión en Tandem',
    greeting: 'Hola:',
    inviteLead: '{therapist} le invita a una sesión por vídeo en Tandem.',
    reminderLead24: 'Le recordamos su sesión por vídeo en Tandem con {therapist}, mañana.',
    reminderLead1: 'Le recordamos su sesión por vídeo en Tandem con {therapist}, dentro de una hora aproximadamente.',
    practiceSuffix: ' ({practice})',
    when: 'Cuándo: {time}',
    join: 'Entrar a la sesión',
    reminderLink: 'Para entrar, abra el enlace del correo de invitación o pida uno nuevo a su terapeuta.',
    linkNote: 'Este enlace es personal: no lo reenvíe.',
    reassurance:
      'No hace falta crear una cuenta ni instalar nada: abra el enlace en un ordenador o un teléfono unos minutos antes, en un lugar donde pueda hablar en privado.',
    noTime: 'en un horario que confirmará su terapeuta',
    footer: 'Enviado por Tandem en nombre de su terapeuta. Si no era para usted, puede ignorarlo.',
  },
};
