import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Clock } from './clock.js';

export type AuditAction =
  | 'therapist.setup'
  | 'therapist.sign_in'
  | 'therapist.sign_in_failed'
  | 'therapist.sign_out'
  | 'therapist.sign_out_everywhere'
  | 'therapist.password_change'
  | 'therapist.password_change_failed'
  | 'therapist.setup_refused'
  | 'therapist.idle_sign_out'
  | 'therapist.sign_in_code'
  | 'therapist.sign_in_code_failed'
  | 'therapist.recovery_code_used'
  | 'therapist.totp_enable'
  | 'therapist.totp_disable'
  | 'therapist.totp_disable_failed'
  | 'therapist.device_sign_out'
  | 'practice.require_second_factor'
  | 'audit.view'
  | 'audit.export'
  | 'couple.create'
  | 'couple.update'
  | 'session.create'
  | 'session.update'
  | 'session.reschedule'
  | 'session.cancel'
  | 'session.open'
  | 'session.end'
  | 'video.breakout.start'
  | 'video.breakout.end'
  | 'invite.issue'
  | 'invite.revoke'
  | 'invite.redeem'
  | 'mail.invite'
  | 'mail.reminder'
  | 'partner.policy_ack'
  | 'policy.set'
  | 'partner.export'
  | 'lobby.admit'
  | 'lobby.decline'
  | 'lobby.remove_device'
  | 'partner.quick_exit'
  | 'partner.stop_signal'
  | 'safety.protocol_start'
  | 'safety.protocol_stop'
  | 'safety.signal_dismiss'
  | 'safety.stop_label_set'
  | 'chat.read_by_therapist'
  | 'map.share'
  | 'drafts.open'
  | 'drafts.close'
  | 'drafts.reveal_request'
  | 'drafts.reveal_refused'
  | 'map.reveal'
  | 'map.restore'
  | 'record.view'
  | 'progress_note.save'
  | 'progress_note.sign'
  | 'progress_note.addendum'
  | 'partner_summary.save'
  | 'partner_summary.release'
  | 'partner_summary.withdraw'
  | 'partner_summary.view'
  | 'partner_summary.pdf'
  | 'therapist.practice_name'
  | 'record.pdf'
  | 'history.view'
  | 'history.pdf'
  | 'plan.view'
  | 'plan.save'
  | 'plan.version.view'
  | 'plan.review'
  | 'progress.view'
  | 'progress.pdf'
  | 'instrument.import'
  | 'measures.open'
  | 'measures.close'
  | 'measures.read_by_therapist'
  | 'case_link.issue'
  | 'case_link.revoke'
  | 'case_link.redeem'
  | 'homework.create'
  | 'homework.close'
  | 'homework.mark'
  | 'weekly.answer'
  | 'intake.save'
  | 'location.confirm'
  | 'screening.send'
  | 'screening.answer'
  | 'safety.view'
  | 'couple.joint_pause'
  | 'couple.joint_resume'
  | 'conflict.save'
  | 'conflict.delete'
  | 'between.view'
  | 'case.status'
  | 'maintenance.save'
  | 'follow_up.view'
  | 'partner.export_by_clinician'
  | 'couple.delete'
  | 'partner.data_delete'
  | 'retention.set'
  | 'retention.delete'
  | 'password_reset.request'
  | 'password_reset.issue'
  | 'password_reset.use'
  | 'password_reset.refused';

export interface AuditEntry {
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  action: AuditAction;
  sessionId?: string | null;
  targetId?: string | null;
  /** Counts only (e.g. rows deleted per table): never content. */
  detail?: Readonly<Record<string, number>>;
}

/** Who did what to which record; ids only, never content. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at: this.clock.now(),
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        session_id: entry.sessionId ?? null,
        target_id: entry.targetId ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      })
      .execute();
  }
}
