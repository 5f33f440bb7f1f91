/** The e-mail that carries a clinician's sign-up link: in the invitee's language, no clinical content at all. */
import type { Language } from '@tandem/shared';
import type { RenderedMail } from '../mail/mailTemplate.js';

const WORDS: Record<Language, { subject: string; lead: string; open: string; note: string; footer: string }> = {
  en: {
    subject: 'You are invited to join {practice} on Tandem',
    lead: '{inviter} invites you to join {practice} on Tandem, as {role}.',
    open: 'Create your account',
    note: 'This link works once and expires in 7 days. It is personal: please do not forward it.',
    footer: 'Sent by Tandem. If this was not meant for you, you can ignore it.',
  },
  es: {
    subject: 'Le invitan a unirse a {practice} en Tandem',
    lead: '{inviter} le invita a unirse a {practice} en Tandem, con el rol de {role}.',
    open: 'Crear su cuenta',
    note: 'Este enlace sirve una sola vez y caduca en 7 días. Es personal: no lo reenvíe.',
    footer: 'Enviado por Tandem. Si no iba dirigido a usted, puede ignorarlo.',
  },
};

const ROLE_WORDS: Record<Language, Record<'admin' | 'clinician', string>> = {
  en: { admin: 'an administrator', clinician: 'a clinician' },
  es: { admin: 'administración', clinician: 'profesional clínico' },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);

export function renderStaffInvite(input: {
  language: Language;
  practiceName: string;
  inviterName: string;
  role: 'admin' | 'clinician';
  url: string;
}): RenderedMail {
  const w = WORDS[input.language];
  const values = {
    practice: input.practiceName || 'Tandem',
    inviter: input.inviterName,
    role: ROLE_WORDS[input.language][input.role],
  };
  const subject = fill(w.subject, values);
  const lead = fill(w.lead, values);
  const text = [lead, '', `${w.open}: ${input.url}`, w.note, '', w.footer].join('\n');
  const html = [
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(input.url)}">${escapeHtml(w.open)}</a></p>`,
    `<p>${escapeHtml(w.note)}</p>`,
    `<p><small>${escapeHtml(w.footer)}</small></p>`,
  ].join('\n');
  return { subject, text, html };
}
