import { Router, type Request } from 'express';
import ical from 'ical-generator';
import type { CancelledDto, CreatedSeriesDto, ScheduleDto, SessionDto } from '@tandem/shared';
import {
  cancelSessionBodySchema,
  createSeriesBodySchema,
  idParamSchema,
  scheduleQuerySchema,
} from '@tandem/shared/schemas';
import type { AppContext } from '../../context.js';
import type { RequireTherapist } from '../../access/http.js';
import { AppError } from '../../lib/errors.js';
import { parseWith, route } from '../../lib/http.js';
import type { SessionsService } from './sessions.service.js';
import { cancelSession } from './cancel.js';

const DAY_MS = 86_400_000;

/**
 * A session as a calendar event for the therapist's own calendar. It says no more than a calendar should (calendars
 * are synced to other services): "Tandem session", its kind, the time, and the room's address — no names, no title.
 */
export function sessionIcs(session: SessionDto, roomUrl: string, now: number): string {
  if (session.scheduledAt === null) throw new AppError('CONFLICT', 'This session has no time yet.');
  const start = new Date(session.scheduledAt);
  const calendar = ical({ prodId: { company: 'Tandem', product: 'sessions', language: 'EN' } });
  calendar.createEvent({
    id: `${session.id}@tandem`,
    start,
    end: new Date(start.getTime() + session.durationMinutes * 60_000),
    stamp: new Date(now),
    summary: session.kind === 'joint' ? 'Tandem session (joint)' : 'Tandem session (individual)',
    description: roomUrl,
    url: roomUrl,
  });
  return calendar.toString();
}

/** The therapist's schedule (today and the days ahead), a recurring series, cancelling, a session's calendar file. */
export function scheduleRoutes(
  ctx: AppContext,
  sessions: SessionsService,
  requireTherapist: RequireTherapist,
  publicOrigin: (req: Request) => string,
): Router {
  const router = Router();
  const therapist = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('schedulePerTherapist', me.id);
    return me;
  };
  const writer = async (req: Request) => {
    const me = await requireTherapist(req);
    await ctx.limits.consume('scheduleWritesPerTherapist', me.id);
    return me;
  };
  router.post(
    '/sessions/series',
    route(async (req): Promise<CreatedSeriesDto> => {
      const me = await writer(req);
      return sessions.createSeries(me.id, parseWith(createSeriesBodySchema, req.body), publicOrigin(req));
    }),
  );
  router.post(
    '/sessions/:id/cancel',
    route(async (req): Promise<CancelledDto> => {
      const me = await writer(req);
      const sessionId = parseWith(idParamSchema, req.params['id']);
      const body = parseWith(cancelSessionBodySchema, req.body ?? {});
      return cancelSession(ctx, sessions, me.id, sessionId, body.following ?? false);
    }),
  );
  router.get(
    '/schedule',
    route(async (req): Promise<ScheduleDto> => {
      const me = await therapist(req);
      const query = parseWith(scheduleQuerySchema, req.query);
      const from = Date.parse(query.from);
      const to = from + query.days * DAY_MS;
      const list = await sessions.schedule(me.id, from, to);
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), sessions: list };
    }),
  );
  router.get(
    '/sessions/:id/session.ics',
    route(async (req, res) => {
      const me = await therapist(req);
      const session = await sessions.get(me.id, parseWith(idParamSchema, req.params['id']));
      const body = sessionIcs(session, `${publicOrigin(req)}/sessions/${session.id}`, ctx.clock.now());
      res
        .type('text/calendar; charset=utf-8')
        .set('Content-Disposition', 'attachment; filename="tandem-session.ics"')
        .set('Cache-Control', 'no-store')
        .send(body);
    }),
  );
  return router;
}
