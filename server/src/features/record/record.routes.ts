import { Router, type Request } from 'express';
import { addendumBodySchema, idParamSchema, pdfQuerySchema, progressNoteBodySchema } from '@tandem/shared/schemas';
import { ErrorCode } from '@tandem/shared';
import { PracticeStore } from '../practice/practice.store.js';
import type { AppContext } from '../../context.js';
import { AppError, notFound } from '../../lib/errors.js';
import { parseWith, route } from '../../lib/http.js';
import type { RequireTherapist } from '../../access/http.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { ProgressNoteService } from './progressNote.service.js';
import type { RecordService } from './record.service.js';
import { recordDocument } from './pdf/recordDocument.js';
import { renderPdf } from './pdf/render.js';
import { sendPdf } from './pdf/send.js';

/**
 * After the session, therapist-only: its record (built from what is stored) and its progress note. Each route
 * checks the session is the signed-in therapist's own; a partner's cookie is refused (FORBIDDEN, see
 * makeRequireTherapistOnly).
 */
export function recordRoutes(
  ctx: AppContext,
  record: RecordService,
  notes: ProgressNoteService,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
): Router {
  const router = Router();
  const owned = async (req: Request, limit: 'recordPerTherapist' | 'notesPerTherapist' | 'pdfPerTherapist' | null) => {
    const me = await requireTherapist(req);
    if (limit) await ctx.limits.consume(limit, me.id);
    // Another therapist's session answers as a missing one: nothing tells them it exists.
    const session = await sessions.ownedRow(me.id, parseWith(idParamSchema, req.params['id'])).catch((err: unknown) => {
      throw err instanceof AppError && err.code === ErrorCode.FORBIDDEN ? notFound('No such session.') : err;
    });
    return { me, session };
  };

  router.get(
    '/sessions/:id/record',
    route(async (req) => {
      const { me, session } = await owned(req, 'recordPerTherapist');
      await ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'record.view', sessionId: session.id });
      return record.build(session);
    }),
  );
  // The record with its progress note as a tagged PDF, in the reader's language and time zone.
  router.get(
    '/sessions/:id/record.pdf',
    route(async (req, res) => {
      const { me, session } = await owned(req, 'pdfPerTherapist');
      const query = parseWith(pdfQuerySchema, req.query);
      const [built, state, practice] = await Promise.all([
        record.build(session),
        notes.state(session),
        new PracticeStore(ctx.db).settings(),
      ]);
      const pdf = await renderPdf(
        recordDocument(
          { record: built, note: state.note, practiceName: practice.name, therapistName: me.name },
          { lang: query.lang ?? 'en', timeZone: query.tz ?? 'UTC' },
        ),
      );
      await ctx.audit.record({ actorType: 'therapist', actorId: me.id, action: 'record.pdf', sessionId: session.id });
      sendPdf(res, pdf, `session-record-${(built.session.startedAt ?? built.builtAt).slice(0, 10)}.pdf`);
    }),
  );
  router.get(
    '/sessions/:id/progress-note',
    route(async (req) => {
      const { session } = await owned(req, null);
      return notes.state(session);
    }),
  );
  router.put(
    '/sessions/:id/progress-note',
    route(async (req) => {
      const { me, session } = await owned(req, 'notesPerTherapist');
      return notes.save(session, me.id, parseWith(progressNoteBodySchema, req.body));
    }),
  );
  router.post(
    '/sessions/:id/progress-note/sign',
    route(async (req) => {
      const { me, session } = await owned(req, 'notesPerTherapist');
      return notes.sign(session, me.id);
    }),
  );
  router.post(
    '/sessions/:id/progress-note/addenda',
    route(async (req, res) => {
      const { me, session } = await owned(req, 'notesPerTherapist');
      const body = parseWith(addendumBodySchema, req.body);
      const note = await notes.addendum(session, me.id, body.text);
      res.status(201);
      return note;
    }),
  );
  return router;
}
