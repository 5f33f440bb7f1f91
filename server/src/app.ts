import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { COLLAB_PATH, ErrorCode } from '@tandem/shared';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openStorage, type Storage } from './db/database.js';
import { Access } from './access/access.js';
import { CredentialEnds } from './access/credentialEnds.js';
import {
  makeRequireGuest,
  makeRequireSummaryReader,
  makeRequireTherapist,
  makeRequireEnrolling,
  makeRequireOwner,
  makeRequireTherapistOnly,
} from './access/http.js';
import { ExpiryWatch, IdleWatch, endLiveConnections, inLiveRoom } from './access/liveConnections.js';
import { SecondFactorService } from './features/security/secondFactor.service.js';
import { DevicesService } from './features/security/devices.service.js';
import { AuditViewService } from './features/security/auditView.service.js';
import { securityRoutes } from './features/security/security.routes.js';
import { AuditLog } from './lib/audit.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { checkOrigin, errorHandler, noStore, refuseOversizedBody } from './lib/http.js';
import { createLogger, type Logger } from './lib/logger.js';
import { RateLimits } from './lib/rateLimit.js';
import { PolicyService } from './features/policy/policy.service.js';
import { policyRoutes } from './features/policy/policy.routes.js';
import { PartnerExportService } from './features/exports/partnerExport.js';
import { partnerExportRoutes } from './features/exports/exports.routes.js';
import { clientDataFeature } from './features/clientData/clientData.js';
import { PasswordResetService } from './features/auth/passwordReset.service.js';
import { passwordResetRoutes } from './features/auth/passwordReset.routes.js';
import { AccountService } from './features/auth/account.service.js';
import { AuthService } from './features/auth/auth.service.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { CouplesService } from './features/couples/couples.service.js';
import { couplesRoutes } from './features/couples/couples.routes.js';
import { practiceRoutes } from './features/practice/practice.routes.js';
import { PeopleService } from './features/practice/people.service.js';
import { InvitesService } from './features/practice/invites.service.js';
import { CareService } from './features/practice/care.service.js';
import { JoinService } from './features/join/join.service.js';
import { joinRoutes } from './features/join/join.routes.js';
import { LobbyService } from './features/lobby/lobby.service.js';
import { SessionsService } from './features/sessions/sessions.service.js';
import { scheduleRoutes } from './features/sessions/schedule.routes.js';
import { CotherapyService } from './features/practice/cotherapy.service.js';
import { sessionsRoutes } from './features/sessions/sessions.routes.js';
import { ChatService } from './features/chat/chat.service.js';
import { chatRoutes } from './features/chat/chat.routes.js';
import { mapRoutes } from './features/map/map.routes.js';
import { historyRoutes } from './features/history/history.routes.js';
import { HistoryService } from './features/history/history.service.js';
import { planRoutes } from './features/plan/plan.routes.js';
import { followUpPartnerRoutes, followUpTherapistRoutes } from './features/followup/followup.routes.js';
import { FollowUpService } from './features/followup/followup.service.js';
import { OwnChartsService } from './features/followup/ownCharts.service.js';
import { PlanService } from './features/plan/plan.service.js';
import { MapService } from './features/map/map.service.js';
import { MapLocks } from './features/map/mapLock.js';
import type { CollabContext } from './features/map/docAccess.js';
import { videoRoutes } from './features/video/video.routes.js';
import { VideoService } from './features/video/video.service.js';
import { VideoStore } from './features/video/video.store.js';
import { timersRoutes } from './features/timers/timers.routes.js';
import { TimersService } from './features/timers/timers.service.js';
import { TimersStore } from './features/timers/timers.store.js';
import { scriptsRoutes } from './features/scripts/scripts.routes.js';
import { ScriptsService } from './features/scripts/scripts.service.js';
import { ScriptsStore } from './features/scripts/scripts.store.js';
import { recordRoutes } from './features/record/record.routes.js';
import { RecordService } from './features/record/record.service.js';
import { ProgressNoteService } from './features/record/progressNote.service.js';
import { partnerSummariesRoutes, summariesRoutes } from './features/summaries/summaries.routes.js';
import { SummariesService } from './features/summaries/summaries.service.js';
import { SummaryContent } from './features/summaries/summaryContent.js';
import { DraftsService } from './features/drafts/drafts.service.js';
import { DraftsStore } from './features/drafts/drafts.store.js';
import { safetyRoutes } from './features/safety/safety.routes.js';
import { SafetyService } from './features/safety/safety.service.js';
import { SafetyStore } from './features/safety/safety.store.js';
import { instrumentsRoutes } from './features/measures/instruments.routes.js';
import { InstrumentsService } from './features/measures/instruments.service.js';
import { MeasuresService } from './features/measures/measures.service.js';
import { BetweenService } from './features/between/between.service.js';
import { betweenPartnerRoutes, betweenRoomRoutes, betweenTherapistRoutes } from './features/between/between.routes.js';
import { partnerAccess } from './features/between/partnerAccess.js';
import { CaseLinksService } from './features/between/caseLinks.service.js';
import { ScreeningService } from './features/screening/screening.service.js';
import { MailService } from './features/mail/mail.service.js';
import { mailRoutes } from './features/mail/mail.routes.js';
import { ReminderScheduler } from './features/mail/reminders.js';
import { createMailer } from './lib/mailer.js';
import { screeningRoutes } from './features/screening/screening.routes.js';
import type { CollabServer } from './collab/collabServer.js';
import type { CollabStore } from './collab/collabStore.js';
import { createCollab } from './collabWiring.js';
import { createSocketServer } from './realtime/socket.js';
import type { TandemServer } from './realtime/types.js';
import { Publisher } from './realtime/publisher.js';
import { Roster } from './realtime/roster.js';
import { UpgradeRouter } from './realtime/upgrade.js';
import { Liveness, attachSocketAdapter, keepInStep, openRedisLink } from './scale/scaleOut.js';
import { handleConnections } from './sockets.js';
import { createWebApp, serveClient } from './web.js';

/** The largest JSON body the REST API reads. */
const JSON_BODY_LIMIT_BYTES = 32 * 1024;

export interface Tandem {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  ctx: AppContext;
  io: TandemServer;
  collab: CollabServer<CollabContext>;
  collabStore: CollabStore;
  storage: Storage;
  upgrades: UpgradeRouter;
  /** The one-time first-run code while no therapist account exists (printed in the start banner); else null. */
  setupToken: string | null;
  /** The e-mail reminders' scheduler (null without SMTP_URL); tests run its passes by hand. */
  reminders: ReminderScheduler | null;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
}

/** Builds and starts the whole server: REST, Socket.IO and the upgrade router on one HTTP server. */
export async function startTandem(config: Config, options: StartOptions = {}): Promise<Tandem> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const storage = await openStorage(config, logger);
  const limits = RateLimits.create(config.redisUrl, `${config.redisPrefix}rl:`);
  // Counted in Redis from the first request when it answers soon; a process whose Redis is away starts anyway.
  await limits.shared(2_000);
  // Several processes of one practice (README "Running several processes"): they meet in Redis.
  const redis = config.redisUrl ? openRedisLink(config.redisUrl, config.redisPrefix, logger) : null;
  // Which of them are alive: its key renewed every second, found gone by the others when this process dies.
  const liveness = redis ? new Liveness(redis) : null;
  const ctx: AppContext = {
    config,
    db: storage.db,
    clock,
    audit: new AuditLog(storage.db, clock),
    limits,
    logger,
    credentialEnds: new CredentialEnds(),
  };

  const isAllowedOrigin = (origin: string | undefined, req: IncomingMessage): boolean => {
    if (origin === undefined) return true; // non-browser clients: cookies are not ambient there
    if (config.publicUrl && origin === new URL(config.publicUrl).origin) return true;
    const host = req.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  };
  const publicOrigin = (req: Request): string =>
    config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  const auth = new AuthService(ctx);
  const couples = new CouplesService(ctx);
  const sessions = new SessionsService(ctx, couples);
  const mailer = config.mail ? createMailer(config.mail) : null;
  const mail = new MailService(ctx, sessions, couples, mailer);
  const reminders = mailer ? new ReminderScheduler(ctx, mail.store, mailer) : null;
  // Who is this, and may they: one access module for REST, Socket.IO and /collab.
  const access = new Access(storage.db, clock, ctx.credentialEnds, ctx.audit);
  const policy = new PolicyService(ctx, couples);
  const join = new JoinService(ctx, access.principals, policy);
  const requireTherapist = makeRequireTherapist(access);
  const requireGuest = makeRequireGuest(access);
  const requireOwner = makeRequireOwner(access, requireTherapist);
  const expiry = new ExpiryWatch(clock, ctx.credentialEnds);
  const idleWatch = new IdleWatch(clock, storage.db, access);
  const setupToken = await auth.prepareSetup();
  const map = new MapService(ctx, couples, new MapLocks(storage.db, clock, storage.sqlite));
  const chat = new ChatService(ctx);
  const { collab, collabStore, closeLost, control } = createCollab({
    ctx,
    storage,
    access,
    map,
    expiry,
    idleWatch,
    redis,
    liveness,
  });

  const app = createWebApp(config, logger, config.benchToken ? () => collab.stats() : null);

  const server = http.createServer(app);
  const io = createSocketServer(server, ctx, { access, isAllowedOrigin, websocketOnly: redis !== null });
  if (redis) attachSocketAdapter(io, redis);
  // Every credential's end closes the live connections it opened, on both channels.
  const unsubscribeEnds = endLiveConnections(ctx.credentialEnds, io, collab);
  // A therapist whose device is in a live session's room is never idle.
  access.principals.signIns.inLiveRoom = inLiveRoom(io, storage.db);
  const publisher = new Publisher(io);
  const roster = new Roster(io);
  const lobby = new LobbyService(ctx, publisher, roster, sessions, map);
  const video = new VideoService(ctx, publisher, roster, sessions, new VideoStore(storage.db), access);
  const timers = new TimersService(ctx, publisher, new TimersStore(storage.db));
  const scripts = new ScriptsService(ctx, publisher, new ScriptsStore(storage.db));
  timers.onPauseChange((sessionId, pausing) => scripts.onPauseChange(sessionId, pausing));
  const instruments = new InstrumentsService(ctx);
  const measures = new MeasuresService(ctx, publisher, instruments);
  // Registers its own pause and breakout listeners (the protocol moves on when each ends).
  const safety = new SafetyService(ctx, publisher, new SafetyStore(storage.db), sessions, couples, timers, video);
  const drafts = new DraftsService(ctx, publisher, new DraftsStore(storage.db), map);
  handleConnections(io, {
    ctx,
    access,
    expiry,
    idleWatch,
    publisher,
    lobby,
    map,
    chat,
    video,
    timers,
    scripts,
    safety,
    drafts,
    measures,
  });

  const api = express.Router();
  api.use(noStore);
  api.use(refuseOversizedBody(JSON_BODY_LIMIT_BYTES));
  api.use(express.json({ limit: JSON_BODY_LIMIT_BYTES }));
  api.use(checkOrigin(isAllowedOrigin));
  /** The processes counted by the scale-out watch (set once it runs). */
  let processesCounted = () => 1;
  api.get('/health', async (_req, res) => {
    // Answers within the storage's health timeout, whatever state the database is in.
    // Redis away is reported but degrades only (each process serves its own clients): the process stays in.
    // Scaled out: how many processes this one counted last (through the Socket.IO adapter).
    const scaled = redis ? { redis: redis.up() ? 'up' : 'unavailable', processes: processesCounted() } : {};
    if (await storage.ping()) res.status(200).json({ ok: true, ...scaled });
    else res.status(503).json({ ok: false, reason: 'database_unavailable', ...scaled });
  });
  const secondFactor = new SecondFactorService(ctx);
  const requireManager = makeRequireOwner(access, requireTherapist, 'practice.manage');
  api.use(authRoutes(ctx, auth, new AccountService(ctx), requireTherapist, secondFactor, requireManager));
  api.use(
    securityRoutes(
      {
        requireTherapist,
        requireEnrolling: makeRequireEnrolling(access),
        requireOwner,
      },
      secondFactor,
      new DevicesService(ctx, access.principals.signIns, secondFactor),
      new AuditViewService(ctx),
      ctx.limits,
    ),
  );
  api.use(couplesRoutes(couples, sessions, requireTherapist));
  api.use(
    practiceRoutes(ctx, {
      people: new PeopleService(ctx, access, lobby),
      invites: new InvitesService(ctx, mailer),
      care: new CareService(ctx, access, (coupleId) => (control ?? { closeLost }).closeLost(coupleId)),
      cotherapy: new CotherapyService(ctx, access, {
        changed: (sessionId) => lobby.broadcastPresence(sessionId),
        closeLost: (coupleId) => (control ?? { closeLost }).closeLost(coupleId),
      }),
      auth,
      requireTherapist,
      requireManager,
      publicOrigin,
    }),
  );
  api.use(sessionsRoutes(sessions, lobby, requireTherapist, publicOrigin, mail, ctx.limits));
  api.use(mailRoutes(mail, requireTherapist, publicOrigin));
  api.use(scheduleRoutes(ctx, sessions, requireTherapist, publicOrigin));
  api.use(joinRoutes(ctx, join, requireGuest));
  api.use(mapRoutes(map, requireTherapist));
  api.use(chatRoutes(ctx, chat, lobby, join, requireTherapist, access, requireGuest));
  api.use(videoRoutes(video));
  api.use(scriptsRoutes(scripts, sessions, requireTherapist));
  api.use(timersRoutes(timers, sessions, requireTherapist));
  api.use(safetyRoutes(safety, requireTherapist, requireGuest));
  // Therapist-only pages about a session: a partner's cookie is refused as such (FORBIDDEN), not asked to sign in.
  const requireTherapistOnly = makeRequireTherapistOnly(access);
  const record = new RecordService(ctx, map, timers, scripts, measures);
  api.use(recordRoutes(ctx, record, new ProgressNoteService(ctx), sessions, requireTherapistOnly));
  const summaries = new SummariesService(ctx, new SummaryContent(ctx, record, scripts));
  api.use(summariesRoutes(ctx, summaries, sessions, requireTherapistOnly));
  api.use(partnerSummariesRoutes(ctx, summaries, makeRequireSummaryReader(access)));
  // Between the sessions: the therapist's side, and the partner's own page through their case link's cookie.
  const caseLinks = new CaseLinksService(ctx, couples);
  const followUp = new FollowUpService(ctx, couples, map);
  const between = new BetweenService(ctx, couples, sessions, summaries, caseLinks, followUp);
  api.use(betweenTherapistRoutes(ctx, between, caseLinks, requireTherapistOnly, publicOrigin));
  const partnerAsks = partnerAccess(ctx, caseLinks, requireGuest);
  api.use(betweenPartnerRoutes(ctx, between, caseLinks, partnerAsks, summaries));
  // Ending well: the case's status and maintenance plan, follow-up, and a partner's own charts.
  api.use(followUpTherapistRoutes(ctx, followUp, requireTherapistOnly));
  api.use(followUpPartnerRoutes(ctx, followUp, new OwnChartsService(ctx, instruments), partnerAsks));
  api.use(betweenRoomRoutes(ctx, between, partnerAsks));
  // Where each partner is, who to call, and the private screening: therapist-only once given.
  const screening = new ScreeningService(ctx, publisher, couples, sessions);
  api.use(screeningRoutes(ctx, screening, partnerAsks, requireTherapistOnly, publicOrigin));
  api.use(policyRoutes(ctx, policy, caseLinks, requireTherapistOnly));
  const partnerExport = new PartnerExportService(ctx, policy, summaries, (name, fn) => collab.withDoc(name, fn));
  api.use(partnerExportRoutes(ctx, partnerExport, caseLinks));
  const clientData = clientDataFeature(ctx, {
    access,
    partnerExport,
    withDoc: (name, fn) => collab.withDoc(name, fn),
    endSession: (therapistId, sessionId) => lobby.endSession(therapistId, sessionId),
    purgeDocs: (names, reason) => (control ? control.purge(names, reason) : collab.purge(names, reason)),
    eraseDocs: (names) => collabStore.erase(names),
  });
  api.use(clientData.router);
  api.use(passwordResetRoutes(new PasswordResetService(ctx, mailer), requireManager, publicOrigin));
  api.use(historyRoutes(ctx, new HistoryService(ctx, couples, map), requireTherapistOnly));
  api.use(instrumentsRoutes(ctx, instruments, requireTherapist));
  api.use(planRoutes(ctx, new PlanService(ctx, couples, instruments), requireTherapistOnly));
  api.use((_req, _res, next) => next(new AppError(ErrorCode.NOT_FOUND, 'No such endpoint.')));
  app.use('/api', api);

  serveClient(app, config.clientDir);
  app.use(errorHandler((err, req) => logger.error({ err, path: req.path }, 'request failed')));

  const upgrades = new UpgradeRouter(server, isAllowedOrigin);
  upgrades.register(`${COLLAB_PATH}/`, (req, socket, head) => collab.handleUpgrade(req, socket, head, COLLAB_PATH));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  // Timers and script turns continue from their stored deadlines; those that ran out meanwhile finish now.
  await timers.resumeAll();
  await scripts.resumeAll();
  await measures.resumeAll();
  const resume = [() => timers.resumeAll(), () => scripts.resumeAll(), () => measures.resumeAll()];
  const inStep = liveness
    ? keepInStep({ io, logger, liveness, resume, broadcastPresence: (id) => lobby.broadcastPresence(id) })
    : null;
  processesCounted = () => inStep?.processes() ?? 1;
  const stopInStep = () => inStep?.stop();
  // Reminders owed while the server was down go out now; then every REMINDER_POLL_MS.
  reminders?.start();
  // Couples past the practice's retention period are deleted now, then daily (one process at a time).
  clientData.retention.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      unsubscribeEnds();
      control?.close();
      expiry.close();
      idleWatch.close();
      lobby.close();
      stopInStep();
      timers.close();
      scripts.close();
      measures.close();
      await reminders?.close();
      await clientData.retention.close();
      mailer?.close();
      // Upgraded sockets are not HTTP connections: end the Yjs ones first, or the HTTP server never closes.
      await collab.close();
      await collabStore.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await limits.close();
      // Its key removed, the others remove what this process relayed at once rather than after its TTL.
      await liveness?.close();
      await redis?.close();
      await storage.close();
    })());

  return { url, port, ctx, io, collab, collabStore, storage, upgrades, setupToken, reminders, close };
}
