/** Storage of the practice: its settings row, its people, couples shared with a clinician, clinician invites. */
import type { NoteFormat, PracticeSettingsDto, StaffRole } from '@tandem/shared';
import type { Db } from '../../db/database.js';
import type { StaffInvitesTable } from '../../db/tables/practice.js';

const DEFAULTS: PracticeSettingsDto = {
  name: '',
  timeZone: 'UTC',
  language: 'en',
  defaultPolicy: 'no-secrets',
  noteFormat: null,
};

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  clinical: boolean;
  secondFactor: boolean;
  lastActiveAt: number | null;
  deactivatedAt: number | null;
  couples: number;
}

export class PracticeStore {
  constructor(private readonly db: Db) {}

  /** The practice's settings (defaults until the owner sets them). */
  async settings(): Promise<PracticeSettingsDto> {
    const row = await this.db.selectFrom('practice').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) return DEFAULTS;
    return {
      name: row.name ?? '',
      timeZone: row.time_zone,
      language: row.language,
      defaultPolicy: row.default_policy,
      noteFormat: row.note_format,
    };
  }

  async saveSettings(s: PracticeSettingsDto, now: number): Promise<void> {
    const values = {
      name: s.name || null,
      time_zone: s.timeZone,
      language: s.language,
      default_policy: s.defaultPolicy,
      note_format: s.noteFormat,
      updated_at: now,
    };
    await this.db
      .insertInto('practice')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  async setNoteFormat(format: NoteFormat, now: number): Promise<void> {
    await this.saveSettings({ ...(await this.settings()), noteFormat: format }, now);
  }

  async people(): Promise<PersonRow[]> {
    const rows = await this.db
      .selectFrom('therapists')
      .select((eb) => [
        'therapists.id',
        'therapists.name',
        'therapists.email',
        'therapists.role',
        'therapists.clinical',
        'therapists.totp_secret',
        'therapists.deactivated_at',
        eb
          .selectFrom('auth_sessions')
          .select((s) => s.fn.max('auth_sessions.last_active_at').as('m'))
          .whereRef('auth_sessions.therapist_id', '=', 'therapists.id')
          .as('last_active_at'),
        eb
          .selectFrom('couples')
          .select((s) => s.fn.countAll<number>().as('n'))
          .whereRef('couples.therapist_id', '=', 'therapists.id')
          .as('couples'),
      ])
      .orderBy('therapists.created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      clinical: Number(r.clinical) === 1,
      secondFactor: r.totp_secret !== null && r.totp_secret !== undefined,
      lastActiveAt: r.last_active_at === null ? null : Number(r.last_active_at),
      deactivatedAt: r.deactivated_at ?? null,
      couples: Number(r.couples ?? 0),
    }));
  }

  async person(id: string): Promise<PersonRow | undefined> {
    return (await this.people()).find((p) => p.id === id);
  }

  async setRole(id: string, set: { role?: StaffRole; clinical?: boolean }): Promise<void> {
    await this.db
      .updateTable('therapists')
      .set({
        ...(set.role !== undefined ? { role: set.role } : {}),
        ...(set.clinical !== undefined ? { clinical: set.clinical ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async emailTaken(email: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('therapists').select('id').where('email', '=', email).executeTakeFirst()) !== undefined
    );
  }

  // --- invites

  async openInvites(now: number): Promise<StaffInvitesTable[]> {
    return this.db
      .selectFrom('staff_invites')
      .selectAll()
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async addInvite(row: StaffInvitesTable): Promise<void> {
    await this.db.insertInto('staff_invites').values(row).execute();
  }

  async inviteByHash(tokenHash: string): Promise<StaffInvitesTable | undefined> {
    return this.db.selectFrom('staff_invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async revokeInvite(id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('staff_invites')
      .set({ expires_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // --- shares

  async sharesOf(coupleId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('couple_shares')
      .select('clinician_id')
      .where('couple_id', '=', coupleId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.clinician_id);
  }

  /** Active clinical people of the practice (may be given a couple or share in one). */
  async clinicians(): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('therapists')
      .select(['id', 'name'])
      .where('clinical', '=', 1)
      .where('deactivated_at', 'is', null)
      .orderBy('name')
      .execute();
  }
}
