/**
 * The practice's people (owner and admins manage them): list, change a role, deactivate. Deactivating someone
 * ends their live sessions, gives their couples and upcoming sessions to the clinician chosen, drops what was
 * shared with them, and ends every sign-in they hold through credentialEnds (each live Socket.IO and /collab
 * connection closes). The owner cannot be demoted or deactivated, so there is always an owner.
 */
import {
  ErrorCode,
  type PeopleDto,
  type PersonDto,
  type PracticeSettingsDto,
  type UpdatePersonBody,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { Access } from '../../access/access.js';
import { toIso } from '../../lib/clock.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import type { LobbyService } from '../lobby/lobby.service.js';
import { PracticeStore, type PersonRow } from './practice.store.js';
import { inviteDto } from './invites.service.js';

export function personDto(p: PersonRow): PersonDto {
  return {
    ...p,
    lastActiveAt: toIso(p.lastActiveAt),
    deactivatedAt: toIso(p.deactivatedAt),
  };
}

export class PeopleService {
  readonly store: PracticeStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly access: Access,
    private readonly lobby: LobbyService,
  ) {
    this.store = new PracticeStore(ctx.db);
  }

  async settings(): Promise<PracticeSettingsDto> {
    return this.store.settings();
  }

  async setSettings(actorId: string, body: PracticeSettingsDto): Promise<PracticeSettingsDto> {
    await this.ctx.limits.consume('settingsPerTherapist', actorId);
    await this.store.saveSettings(body, this.ctx.clock.now());
    await this.ctx.audit.record({ actorType: 'therapist', actorId, action: 'practice.settings' });
    return this.store.settings();
  }

  async list(actorId: string): Promise<PeopleDto> {
    await this.ctx.limits.consume('practicePerTherapist', actorId);
    const [people, invites] = await Promise.all([this.store.people(), this.store.openInvites(this.ctx.clock.now())]);
    return { people: people.map(personDto), invites: invites.map(inviteDto), mailConfigured: !!this.ctx.config.mail };
  }

  private async target(id: string): Promise<PersonRow> {
    const person = await this.store.person(id);
    if (!person) throw notFound('No such person.');
    if (person.role === 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'The practice’s owner cannot be changed.');
    return person;
  }

  async update(actorId: string, id: string, body: UpdatePersonBody): Promise<PersonDto> {
    await this.ctx.limits.consume('practicePerTherapist', actorId);
    const person = await this.target(id);
    if (person.deactivatedAt !== null) throw new AppError(ErrorCode.CONFLICT, 'This account is deactivated.');
    // A clinician always sees clinical data; an admin only when marked "also a clinician".
    const role = body.role ?? person.role;
    const clinical = role === 'clinician' ? true : (body.clinical ?? (body.role ? false : person.clinical));
    if (!clinical && person.couples > 0)
      throw new AppError(
        ErrorCode.CONFLICT,
        'Transfer their couples first: a person without clinical access has none.',
      );
    await this.store.setRole(id, { role, clinical });
    await this.ctx.audit.record({ actorType: 'therapist', actorId, action: 'staff.role', targetId: id });
    return personDto((await this.store.person(id))!);
  }

  async deactivate(actorId: string, id: string, reassignTo: string | null): Promise<PersonDto> {
    await this.ctx.limits.consume('practicePerTherapist', actorId);
    const person = await this.target(id);
    if (id === actorId) throw badRequest('You cannot deactivate your own account.');
    if (person.deactivatedAt !== null) return personDto(person);
    if (reassignTo === id) throw badRequest('reassignTo: choose someone else');
    if (person.couples > 0 || reassignTo !== null) {
      if (reassignTo === null) throw badRequest('reassignTo: choose who receives their couples');
      if (!(await this.access.scope.clinicalActive(reassignTo)))
        throw badRequest('reassignTo: not an active clinician of the practice');
    }
    // Their live sessions end first (everyone in them is told), while the sessions are still theirs.
    const live = await this.ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('therapist_id', '=', id)
      .where('status', '=', 'live')
      .execute();
    for (const s of live) await this.lobby.endSession(id, s.id);
    const now = this.ctx.clock.now();
    const ended = await this.ctx.db.transaction().execute(async (trx) => {
      if (reassignTo !== null) {
        await trx
          .updateTable('couples')
          .set({ therapist_id: reassignTo, updated_at: now })
          .where('therapist_id', '=', id)
          .execute();
        await trx
          .updateTable('sessions')
          .set({ therapist_id: reassignTo })
          .where('therapist_id', '=', id)
          .where('status', '=', 'scheduled')
          .execute();
        // A share with the new clinician of a couple now theirs says nothing more.
        await trx
          .deleteFrom('couple_shares')
          .where('clinician_id', '=', reassignTo)
          .where('couple_id', 'in', (eb) =>
            eb.selectFrom('couples').select('id').where('therapist_id', '=', reassignTo),
          )
          .execute();
      }
      await trx.deleteFrom('couple_shares').where('clinician_id', '=', id).execute();
      await trx.updateTable('therapists').set({ deactivated_at: now }).where('id', '=', id).execute();
      return trx.deleteFrom('auth_sessions').where('therapist_id', '=', id).returning('token_hash').execute();
    });
    // Every live connection they opened closes (all of their sign-ins: none stands any more).
    this.ctx.credentialEnds.end({ kind: 'therapist', therapistId: id, tokenHashes: 'all' });
    await this.ctx.audit.record({ actorType: 'therapist', actorId, action: 'staff.deactivate', targetId: id });
    this.ctx.logger.info({ personId: id, signIns: ended.length }, 'account deactivated');
    return personDto((await this.store.person(id))!);
  }
}
