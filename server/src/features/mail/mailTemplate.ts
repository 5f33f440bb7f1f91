import { MAIL_STRINGS, type Language, type MailKind } from '@tandem/shared';

export interface MailInput {
  kind: MailKind;
  language: Language;
  /** IANA zone the time is given in. */
  timeZone: string;
  /** The session's time (ms), or null when none was set. */
  scheduledAt: number | null;
  therapistName: string;
  practiceName: string;
  /** The personal link (invitations only; reminders never carry one). */
  url: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);

/** The session time in the partner's zone and language, with the zone named (never ambiguous). */
export function formatSessionTime(at: number, language: Language, timeZone: string): string {
  const when = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(at));
  return `${when} (${timeZone})`;
}

/**
 * An invitation or a reminder, plain text and HTML. Only the therapist's (and practice's) name, the time, the link
 * and the reassurance: no couple, no partner names, no title, no notes (an e-mail can be read by someone else).
 * Every value is escaped in the HTML part.
 */
export function renderMail(input: MailInput): RenderedMail {
  const w = MAIL_STRINGS[input.language];
  const therapist =
    input.therapistName + (input.practiceName ? fill(w.practiceSuffix, { practice: input.practiceName }) : '');
  const lead = fill(
    input.kind === 'invite' ? w.inviteLead : input.kind === 'reminder_24h' ? w.reminderLead24 : w.reminderLead1,
    { therapist },
  );
  const time =
    input.scheduledAt === null ? w.noTime : formatSessionTime(input.scheduledAt, input.language, input.timeZone);
  const when = fill(w.when, { time });
  const subject = input.kind === 'invite' ? w.inviteSubject : w.reminderSubject;

  const text = [
    w.greeting,
    '',
    lead,
    when,
    '',
    ...(input.url ? [`${w.join}: ${input.url}`, w.linkNote] : [w.reminderLink]),
    '',
    w.reassurance,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');

  const p = (s: string, style = '') => `<p style="margin:0 0 16px;${style}">${escapeHtml(s)}</p>`;
  const button = input.url
    ? `<p style="margin:0 0 8px;"><a href="${escapeHtml(input.url)}" style="display:inline-block;background:#2f5d62;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600;">${escapeHtml(w.join)}</a></p>` +
      p(input.url, 'font-size:13px;color:#555;word-break:break-all;') +
      p(w.linkNote, 'font-size:13px;color:#555;')
    : p(w.reminderLink);
  const html = `<!doctype html>
<html lang="${input.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f1ec;">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5;color:#1f2a2c;">
<div style="background:#ffffff;border-radius:10px;padding:24px;">
${p(w.greeting)}${p(lead)}${p(when, 'font-weight:600;')}${button}${p(w.reassurance)}
</div>
${p(w.footer, 'font-size:12px;color:#666;margin-top:16px;')}
</div>
</body>
</html>
`;
  return { subject, text, html };
}
