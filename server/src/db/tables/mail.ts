/** Tables of e-mail (issue 16): what Tandem owes or sent a partner, claimed atomically by one process. */
import type { MailKind, MailState } from '@tandem/shared';

export interface MailSendsTable {
  id: string;
  session_id: string;
  partner_id: string;
  therapist_id: string;
  kind: MailKind;
  /** The session time the e-mail was for (a moved session owes new reminders); 0 for an invitation. */
  scheduled_for: number;
  state: MailState;
  attempts: number;
  next_attempt_at: number;
  /** A process holds the row (it is sending) until then; null when nobody does. */
  claimed_until: number | null;
  /** A short reason of the last failure (an SMTP code or error code, never content). */
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface MailTables {
  mail_sends: MailSendsTable;
}
