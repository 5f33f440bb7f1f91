import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Request } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { precompressed } from './lib/precompressed.js';
import { COLLAB_PATH, ErrorCode, parseDocName } from '@tandem/shared';
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
import {
  ExpiryWatch,
  IdleWatch,
  collabOwnEnd,
  endLiveConnections,
  inLiveRoom,
  ownEnd,
  socketGuard,
} from './access/liveConnections.js';
import { SecondFactorService } from './features/security/secondFactor.service.js';
import { DevicesService } from './features/security/devices.service.js';
import { AuditViewService } from './features/security/auditView.service.js';
import { securityRoutes } from './features/security/security.routes.js';
import { AuditLog } from './lib/audit.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { checkOrigin, errorHandler, noStore, permissionsPolicy, refuseOversizedBody } from './lib/http.js';
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
import { registerLobbyHandlers } from './features/lobby/lobby.handlers.js';
import { LobbyService } from './features/lobby/lobby.service.js';
import { SessionsService } from './features/sessions/sessions.service.js';
import { scheduleRoutes } from './features/sessions/schedule.routes.js';
import { CotherapyService } from './features/practice/cotherapy.service.js';
import { sessionsRoutes } from './features/sessions/sessions.routes.js';
import { registerMapHandlers } from './features/map/map.handlers.js';
import { registerChatHandlers } from './features/chat/chat.handlers.js';
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
import { DocAccess, type CollabContext } from './features/map/docAccess.js';
import { registerVideoHandlers } from './features/video/video.handlers.js';
import { videoRoutes } from './features/video/video.routes.js';
import { VideoService } from './features/video/video.service.js';
import { VideoStore } from './features/video/video.store.js';
import { registerTimerHandlers } from './features/timers/timers.handlers.js';
import { timersRoutes } from './features/timers/timers.routes.js';
import { TimersService } from './features/timers/timers.service.js';
import { TimersStore } from './features/timers/timers.store.js';
import { registerScriptHandlers } from './features/scripts/scripts.handlers.js';
import { scriptsRoutes } from './features/scripts/scripts.routes.js';
import { ScriptsService } from './features/scripts/scripts.service.js';
import { ScriptsStore } from './features/scripts/scripts.store.js';
import { recordRoutes } from './features/record/record.routes.js';
import { RecordService } from './features/record/record.service.js';
import { ProgressNoteService } from './features/record/progressNote.service.js';
import { partnerSummariesRoutes, summariesRoutes } from './features/summaries/summaries.routes.js';
import { SummariesService } from './features/summaries/summaries.service.js';
import { SummaryContent } from './features/summaries/summaryContent.js';
import { registerSafetyHandlers } from './features/safety/safety.handlers.js';
import { registerDraftHandlers } from './features/drafts/drafts.handlers.js';
import { DraftsService } from './features/drafts/drafts.service.js';
import { DraftsStore } from './features/drafts/drafts.store.js';
import { safetyRoutes } from './features/safety/safety.routes.js';
import { SafetyService } from './features/safety/safety.service.js';
import { SafetyStore } from './features/safety/safety.store.js';
import { registerMeasureHandlers } from './features/measures/measures.handlers.js';
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
import { CollabServer, CollabRefusal } from './collab/collabServer.js';
import { CollabStore } from './collab/collabStore.js';
import { bindSocketGuard, refuseUnknownEvents } from './realtime/handler.js';
import { createSocketServer } from './realtime/socket.js';
import type { TandemServer } from './realtime/types.js';
import { Publisher } from './realtime/publisher.js';
import { Roster } from './realtime/roster.js';
import { UpgradeRouter } from './realtime/upgrade.js';
import { RedisDocRelay, attachSocketAdapter, collabControl, keepInStep, openRedisLink } from './scale/scaleOut.js';

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
  // Several processes of one practice (README "Running several processes"): they meet in Redis.
  const redis = config.redisUrl ? openRedisLink(config.redisUrl, config.redisPrefix, logger) : null;
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
  const docAccess = new DocAccess(ctx, access);
  const chat = new ChatService(ctx);
  const collabStore = new CollabStore(storage.db, clock, { sqlite: storage.sqlite, kind: storage.kind });
  const benchToken = config.benchToken;
  // A benchmark connection (BENCH_TOKEN set, never in production) on a doc that is none of ours: no content rules.
  const isBench = (c: CollabContext) => Boolean(benchToken) && c.therapistId === 'bench' && c.credentialHash === null;
  const collab = new CollabServer<CollabContext>(
    {
      authorize: async (req, name, params) => {
        // Benchmarks only (BENCH_TOKEN set): any name that is not one of our doc names, with the token.
        if (benchToken && parseDocName(name) === null) {
          if (params.get('token') !== benchToken) throw new CollabRefusal(4401, 'Bad bench token');
          return {
            role: 'therapist',
            name: 'bench',
            therapistId: 'bench',
            partnerId: null,
            slot: null,
            sessionId: null,
            coupleId: name,
            docName: name,
            credentialHash: null,
            deviceId: null,
            expiresAt: Number.MAX_SAFE_INTEGER,
          };
        }
        const c = await docAccess.authorize(req, name, params);
        // The connection ends when its credential expires (announced once per credential).
        const own = collabOwnEnd(c);
        if (own) expiry.watch(own, c.expiresAt);
        if (c.role === 'therapist' && c.credentialHash) idleWatch.watch(c.credentialHash);
        return c;
      },
      // A benchmark connection pays the lock read a partner's map edit pays (one per update), on its own doc.
      writeGate: (c, name) => (isBench(c) ? map.lockGate(c.coupleId) : map.writeGate(c, name)),
      canWrite: (c, name, update, doc, barred) => (isBench(c) ? !barred : map.canWrite(c, name, update, doc, barred)),
      presence: (c) => ({ key: c.partnerId ?? `therapist:${c.therapistId}`, name: c.name, role: c.role }),
      // A supervisor watches unseen: the partners never see their cursor or their name on a doc.
      unseen: (c) => c.readOnly === true,
      // Benchmark docs only (BENCH_TOKEN, never in production): their writers replay thousands of updates at once.
      rateLimited: (c) => !isBench(c),
      rateKey: (c) => c.partnerId ?? `therapist:${c.therapistId}`,
      load: (name) => collabStore.load(name),
      store: (name, update) => collabStore.store(name, update),
      unload: async (name) => {
        await collabStore.compact(name);
        collabStore.forget(name);
      },
      onError: (err, name) => logger.error({ err, doc: name.split('.')[0] }, 'collab error'),
    },
    { maxMessageBytes: config.collabMaxMessageBytes, ...(redis ? { relay: new RedisDocRelay(redis, logger) } : {}) },
  );
  map.collab = collab;
  const closeLost = (coupleId: string) => docAccess.closeLost(collab, coupleId);
  // Several processes: what closes /collab connections here closes them on the others too.
  const control = redis ? collabControl(redis, { collab, ends: ctx.credentialEnds, closeLost, logger }) : null;
  map.durable = () => collabStore.drain();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(permissionsPolicy);
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // One line per request (every asset too) is noise at the default level: requests at `debug`, failures louder.
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'debug'),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split(/[?#]/)[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );

  if (benchToken) {
    // Opt-in, loopback-only memory probe for `npm run bench` and ../shared/yjs-bench.
    app.get('/__bench/mem', (req, res) => {
      const ip = req.socket.remoteAddress ?? '';
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip)) return void res.status(403).end();
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      res.json({ rss: m.rss, heapUsed: m.heapUsed, ...collab.stats() });
    });
  }

  const server = http.createServer(app);
  const io = createSocketServer(server, ctx, { access, isAllowedOrigin, websocketOnly: redis !== null });
  if (redis) attachSocketAdapter(io, redis);
  // Every credential's end closes the live connections it opened, on both channels.
  const unsubscribeEnds = endLiveConnections(ctx.credentialEnds, io, collab);
  const guard = socketGuard(access, clock, ctx.credentialEnds);
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
  io.on('connection', (socket) => {
    const data = socket.data;
    bindSocketGuard(socket, guard);
    expiry.watch(ownEnd(data), data.expiresAt);
    if (data.role === 'therapist') idleWatch.watch(data.tokenHash);
    const ready = lobby
      .attach(socket)
      .then(async () => {
        // A credential that ended while the socket was being placed was announced to rooms it had not joined yet:
        // checked again now that it is in them, and ended here (told, then closed) if it no longer stands.
        const credential = data.role === 'therapist' ? { tokenHash: data.tokenHash } : { grantHash: data.grantHash };
        const state = await access.principals.stillValid(credential);
        if (state === 'ended') ctx.credentialEnds.end(ownEnd(data));
      })
      .catch((err: unknown) => {
        logger.error({ err, sessionId: data.sessionId }, 'attach failed');
        socket.disconnect(true);
        throw err;
      });
    ready.catch(() => undefined);
    refuseUnknownEvents(socket);
    registerLobbyHandlers(socket, ready, logger, lobby);
    registerMapHandlers(publisher, socket, ready, logger, map);
    registerChatHandlers(publisher, socket, ready, logger, chat);
    registerVideoHandlers(socket, ready, logger, video);
    registerTimerHandlers(socket, ready, logger, timers, () => clock.now());
    registerScriptHandlers(socket, ready, logger, scripts);
    registerSafetyHandlers(socket, ready, logger, safety);
    registerDraftHandlers(socket, ready, logger, drafts);
    registerMeasureHandlers(ctx, socket, ready, logger, measures);
    socket.on('disconnect', () => {
      ready
        .then(() => lobby.detach(data))
        .catch((err: unknown) => logger.error({ err, sessionId: data.sessionId }, 'detach failed'));
    });
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

  if (config.clientDir && fs.existsSync(path.join(config.clientDir, 'index.html'))) {
    const indexHtml = path.join(config.clientDir, 'index.html');
    const assets = path.join(config.clientDir, 'assets');
    // Brotli / gzip copies made at build time, when the browser takes them.
    app.use('/assets', precompressed(assets));
    app.use('/assets', express.static(assets, { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(precompressed(config.clientDir));
    app.use(express.static(config.clientDir, { index: false, maxAge: 0 }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  }
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
  const inStep = redis
    ? keepInStep({ io, logger, resume, broadcastPresence: (id) => lobby.broadcastPresence(id) })
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
      await redis?.close();
      await storage.close();
    })());

  return { url, port, ctx, io, collab, collabStore, storage, upgrades, setupToken, reminders, close };
}
