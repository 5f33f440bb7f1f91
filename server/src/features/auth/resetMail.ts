/** The password-reset e-mail, in the language the person asked in: the link and what it does, nothing else. */
import type { Language } from '@tandem/shared';
import { escapeHtml } from '../mail/mailTemplate.js';

const WORDS = {
  en: {
    subject: 'Reset your Tandem password',
    lead: 'Someone asked to reset the password of your Tandem account. To choose a new password, open this link within the hour:',
    button: 'Choose a new password',
    note: 'The link works once. Every device signed in to your account will be signed out. If you did not ask for this, ignore this e-mail: your password stays as it is.',
    footer: 'Sent by Tandem. This address does not take replies.',
  },
  es: {
    subject: 'Restablezca su contraseña de Tandem',
    lead: 'Se pidió restablecer la contraseña de su cuenta de Tandem. Para elegir una contraseña nueva, abra este enlace antes de que pase una hora:',
    button: 'Elegir una contraseña nueva',
    note: 'El enlace sirve una sola vez. Se cerrará la sesión en todos los dispositivos con su cuenta. Si no lo pidió usted, ignore este correo: su contraseña no cambia.',
    footer: 'Enviado por Tandem. Esta dirección no recibe respuestas.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export function resetMail(language: Language, url: string): { subject: string; text: string; html: string } {
  const w = WORDS[language];
  const p = (s: string) => `<p style="margin:0 0 16px;">${escapeHtml(s)}</p>`;
  return {
    subject: w.subject,
    text: [w.lead, '', url, '', w.note, '', '-- ', w.footer, ''].join('\n'),
    html:
      `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;color:#1f2624;">` +
      p(w.lead) +
      `<p style="margin:0 0 16px;"><a href="${escapeHtml(url)}" style="display:inline-block;background:#2f5d62;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600;">${escapeHtml(w.button)}</a></p>` +
      p(url) +
      p(w.note) +
      `<p style="margin:0;font-size:13px;color:#555;">${escapeHtml(w.footer)}</p></body></html>`,
  };
}
