/**
 * Who cares for a couple: transferring it to another clinician (its upcoming sessions follow) and sharing it
 * with others (they read and work on its clinical data; the assigned clinician runs its sessions). Allowed to
 * the practice's owner and admins, and to the couple's own clinician, as the access module decides.
 */
import { ErrorCode, type CoupleCareDto } from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import type { TherapistPrincipal } from '../../access/principal.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { PracticeStore } from './practice.store.js';

export class CareService {
  private readonly store: PracticeStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly access: Access,
    /** Closes what people who lost access to a couple still hold open (its docs). */
    private readonly closeLost: (coupleId: string) => Promise<void> = async () => undefined,
  ) {
    this.store = new PracticeStore(ctx.db);
  }

  private async clinicianOf(coupleId: string): Promise<string> {
    const row = await this.ctx.db
      .selectFrom('couples')
      .select('therapist_id')
      .where('id', '=', coupleId)
      .executeTakeFirst();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such couple.');
    return row.therapist_id;
  }

  async care(me: TherapistPrincipal, coupleId: string): Promise<CoupleCareDto> {
    await this.access.assert(me, 'couple.assign', { kind: 'couple', coupleId });
    const [clinicianId, sharedWith, clinicians, consent] = await Promise.all([
      this.clinicianOf(coupleId),
      this.store.sharesOf(coupleId),
      this.store.clinicians(),
      this.ctx.db.selectFrom('couples').select('supervision_consent_at').where('id', '=', coupleId).executeTakeFirst(),
    ]);
    return {
      clinicianId,
      sharedWith,
      clinicians,
      supervisionConsent: (consent?.supervision_consent_at ?? null) !== null,
    };
  }

  private async assertClinician(id: string, field: string): Promise<void> {
    if (!(await this.access.scope.clinicalActive(id)))
      throw badRequest(`${field}: not an active clinician of the practice`);
  }

  /** Gives the couple to another clinician; its scheduled sessions go with it (a live one ends with its runner). */
  async transfer(me: TherapistPrincipal, coupleId: string, clinicianId: string): Promise<CoupleCareDto> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    await this.access.assert(me, 'couple.assign', { kind: 'couple', coupleId });
    await this.assertClinician(clinicianId, 'clinicianId');
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('couples')
        .set({ therapist_id: clinicianId, updated_at: now })
        .where('id', '=', coupleId)
        .execute();
      await trx
        .updateTable('sessions')
        .set({ therapist_id: clinicianId })
        .where('couple_id', '=', coupleId)
        .where('status', '=', 'scheduled')
        .execute();
      await trx
        .deleteFrom('couple_shares')
        .where('couple_id', '=', coupleId)
        .where('clinician_id', '=', clinicianId)
        .execute();
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: me.therapistId,
      action: 'couple.transfer',
      targetId: coupleId,
    });
    await this.closeLost(coupleId);
    return this.care(me, coupleId).catch(() => this.snapshot(coupleId));
  }

  /** What the one who transferred sees after: they may no longer be allowed to read it (a clinician who gave it away). */
  private async snapshot(coupleId: string): Promise<CoupleCareDto> {
    const [clinicianId, sharedWith] = await Promise.all([this.clinicianOf(coupleId), this.store.sharesOf(coupleId)]);
    return { clinicianId, sharedWith, clinicians: [], supervisionConsent: false };
  }

  /** Sets who besides its clinician the couple is shared with (each added and removed one is audited). */
  async setShares(me: TherapistPrincipal, coupleId: string, clinicianIds: string[]): Promise<CoupleCareDto> {
    await this.ctx.limits.consume('practicePerTherapist', me.therapistId);
    await this.access.assert(me, 'couple.assign', { kind: 'couple', coupleId });
    const assigned = await this.clinicianOf(coupleId);
    const wanted = [...new Set(clinicianIds)].filter((id) => id !== assigned);
    for (const id of wanted) await this.assertClinician(id, 'clinicianIds');
    const current = await this.store.sharesOf(coupleId);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      if (removed.length > 0)
        await trx
          .deleteFrom('couple_shares')
          .where('couple_id', '=', coupleId)
          .where('clinician_id', 'in', removed)
          .execute();
      if (added.length > 0)
        await trx
          .insertInto('couple_shares')
          .values(
            added.map((id) => ({ couple_id: coupleId, clinician_id: id, created_by: me.therapistId, created_at: now })),
          )
          .execute();
    });
    for (const id of added)
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: me.therapistId,
        action: 'couple.share',
        targetId: id,
      });
    for (const id of removed)
      await this.ctx.audit.record({
        actorType: 'therapist',
        actorId: me.therapistId,
        action: 'couple.unshare',
        targetId: id,
      });
    if (removed.length > 0) await this.closeLost(coupleId);
    return this.care(me, coupleId);
  }
}
