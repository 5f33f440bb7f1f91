/**
 * The couples progress note (issue 13): one per session, in the practice's format (DAP, SOAP or BIRP adapted to
 * couples), with presentation and risk for each partner. Signing records who and when (and the audit log);
 * a signed note is locked: every write refuses with NOTE_SIGNED, in the same statement that would change it, so a
 * save racing a signature cannot land after it. Corrections are addenda with their own time. Separate from the
 * psychotherapy notes (the therapist's private notes doc), which are never read here.
 */
import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  NOTE_FORMATS,
  type NoteFormat,
  type ProgressNoteBody,
  type ProgressNoteContent,
  type ProgressNoteDto,
  type ProgressNoteStateDto,
} from '@tandem/shared';
import type { AppContext } from '../../context.js';
import type { ProgressNotesTable, SessionsTable } from '../../db/schema.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { PracticeStore } from '../practice/practice.store.js';
import { ParticipantsStore } from '../sessions/participants.store.js';

const signedError = () =>
  new AppError(ErrorCode.NOTE_SIGNED, 'This note is signed and can no longer be changed; add an addendum.');
const iso = (ms: number) => new Date(ms).toISOString();

export class ProgressNoteService {
  private readonly participants: ParticipantsStore;
  private readonly practice: PracticeStore;

  constructor(private readonly ctx: AppContext) {
    this.participants = new ParticipantsStore(ctx.db);
    this.practice = new PracticeStore(ctx.db);
  }

  async state(session: SessionsTable): Promise<ProgressNoteStateDto> {
    const row = await this.row(session.id);
    const format = (await this.practice.settings()).noteFormat;
    return {
      note: row ? await this.toDto(row) : null,
      practiceFormat: format && (NOTE_FORMATS as readonly string[]).includes(format) ? format : 'dap',
      partners: (await this.participants.withPartners(session.id)).map((p) => ({
        id: p.partner_id,
        name: p.display_name,
        slot: p.slot,
      })),
    };
  }

  /** Creates or replaces the unsigned note; refused once it is signed. */
  async save(session: SessionsTable, therapistId: string, body: ProgressNoteBody): Promise<ProgressNoteDto> {
    await this.checkPartners(session.id, body.content);
    const now = this.ctx.clock.now();
    const content = JSON.stringify(body.content);
    await this.ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('progress_notes')
        .set({ format: body.format, content, updated_at: now })
        .where('session_id', '=', session.id)
        .where('signed_at', 'is', null)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n) {
        const existing = await trx
          .selectFrom('progress_notes')
          .select('signed_at')
          .where('session_id', '=', session.id)
          .executeTakeFirst();
        if (existing) throw signedError();
        await trx
          .insertInto('progress_notes')
          .values({
            session_id: session.id,
            therapist_id: therapistId,
            format: body.format,
            content,
            created_at: now,
            updated_at: now,
            signed_at: null,
            signed_by: null,
            signer_name: null,
          })
          .execute();
      }
      // The practice's format is the one last used (its owner or an admin may also set it in the settings).
      await new PracticeStore(trx).setNoteFormat(body.format, now);
    });
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'progress_note.save',
      sessionId: session.id,
    });
    return this.get(session.id);
  }

  /** Signs the note as it is stored: every partner of the session needs a risk answer. */
  async sign(session: SessionsTable, therapistId: string): Promise<ProgressNoteDto> {
    const row = await this.row(session.id);
    if (!row) throw new AppError(ErrorCode.CONFLICT, 'Write the note before signing it.');
    if (row.signed_at !== null) throw signedError();
    const content = JSON.parse(row.content) as ProgressNoteContent;
    const missing = (await this.participants.withPartners(session.id)).filter(
      (p) => !content.partners.some((e) => e.partnerId === p.partner_id && e.riskLevel !== null),
    );
    if (missing.length > 0) {
      throw badRequest(`risk: answer the risk question for each partner before signing (${missing.length} missing)`);
    }
    const therapist = await this.ctx.db
      .selectFrom('therapists')
      .select('name')
      .where('id', '=', therapistId)
      .executeTakeFirstOrThrow();
    const now = this.ctx.clock.now();
    // Only the content that was checked is signed: a save in between makes this refuse, and the therapist retries.
    const res = await this.ctx.db
      .updateTable('progress_notes')
      .set({ signed_at: now, signed_by: therapistId, signer_name: therapist.name })
      .where('session_id', '=', session.id)
      .where('signed_at', 'is', null)
      .where('updated_at', '=', row.updated_at)
      .where('content', '=', row.content)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) {
      const again = await this.row(session.id);
      if (again?.signed_at !== null) throw signedError();
      throw new AppError(ErrorCode.CONFLICT, 'The note changed while signing; sign again.');
    }
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'progress_note.sign',
      sessionId: session.id,
      targetId: session.id,
    });
    return this.get(session.id);
  }

  /** A correction to a signed note, kept with its own time; never changed afterwards. */
  async addendum(session: SessionsTable, therapistId: string, text: string): Promise<ProgressNoteDto> {
    const row = await this.row(session.id);
    if (!row || row.signed_at === null) {
      throw new AppError(ErrorCode.CONFLICT, 'Addenda are for signed notes; edit the note itself until it is signed.');
    }
    const therapist = await this.ctx.db
      .selectFrom('therapists')
      .select('name')
      .where('id', '=', therapistId)
      .executeTakeFirstOrThrow();
    const id = randomUUID();
    await this.ctx.db
      .insertInto('progress_note_addenda')
      .values({
        id,
        session_id: session.id,
        therapist_id: therapistId,
        author_name: therapist.name,
        text,
        created_at: this.ctx.clock.now(),
      })
      .execute();
    await this.ctx.audit.record({
      actorType: 'therapist',
      actorId: therapistId,
      action: 'progress_note.addendum',
      sessionId: session.id,
      targetId: id,
    });
    return this.get(session.id);
  }

  private async get(sessionId: string): Promise<ProgressNoteDto> {
    const row = await this.row(sessionId);
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No note for this session yet.');
    return this.toDto(row);
  }

  private row(sessionId: string): Promise<ProgressNotesTable | undefined> {
    return this.ctx.db.selectFrom('progress_notes').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
  }

  /** Partner entries must be this session's partners. */
  private async checkPartners(sessionId: string, content: ProgressNoteContent): Promise<void> {
    const ids = new Set(await this.participants.partnerIds(sessionId));
    for (const p of content.partners) {
      if (!ids.has(p.partnerId)) throw badRequest('content.partners: not a partner of this session');
    }
  }

  private async toDto(row: ProgressNotesTable): Promise<ProgressNoteDto> {
    const addenda = await this.ctx.db
      .selectFrom('progress_note_addenda')
      .selectAll()
      .where('session_id', '=', row.session_id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return {
      sessionId: row.session_id,
      format: row.format satisfies NoteFormat,
      content: JSON.parse(row.content) as ProgressNoteContent,
      createdAt: iso(Number(row.created_at)),
      updatedAt: iso(Number(row.updated_at)),
      signed:
        row.signed_at === null
          ? null
          : { at: iso(Number(row.signed_at)), by: row.signed_by ?? '', name: row.signer_name ?? '' },
      addenda: addenda.map((a) => ({
        id: a.id,
        authorName: a.author_name,
        text: a.text,
        createdAt: iso(Number(a.created_at)),
      })),
    };
  }
}
