import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import type { z } from 'zod';
import { describeZodError } from '@tandem/shared/schemas';
import { ErrorCode } from '@tandem/shared';
import { AppError, badRequest, fromDbError, toApiError } from './errors.js';

/** Wraps a handler: its return value is sent as {ok:true,data}; a thrown error as {ok:false,error}. */
export function route<T>(fn: (req: Request, res: Response) => Promise<T>): RequestHandler {
  return (req, res, next) => {
    fn(req, res).then(
      (data) => {
        if (!res.headersSent) res.json({ ok: true, data: data ?? null });
      },
      (err: unknown) => next(err),
    );
  };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

export function readCookie(req: { headers: { cookie?: string | undefined } }, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[name];
}

export function setCookie(res: Response, name: string, value: string, options: SerializeOptions): void {
  res.append('Set-Cookie', serializeCookie(name, value, options));
}

/** The final error handler: typed errors as they are, everything else as INTERNAL (logged, never echoed). */
export function errorHandler(log: (err: unknown, req: Request) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let appErr: AppError | undefined = err instanceof AppError ? err : clientErrorOf(err);
    if (!appErr) {
      appErr = fromDbError(err) ?? undefined;
      // An unavailable database is logged too (codes only, see the logger), a bad character is the client's.
      if (appErr?.code !== ErrorCode.BAD_REQUEST) log(err, req);
    }
    const status = appErr?.status ?? 500;
    if (appErr?.retryAfterSeconds) res.setHeader('Retry-After', String(appErr.retryAfterSeconds));
    // A refused body may still be arriving: do not keep reading it on this connection.
    if (status === 413) res.setHeader('Connection', 'close');
    res.status(status).json({ ok: false, error: toApiError(appErr ?? err) });
  };
}

/**
 * The client's mistakes that Express and body-parser report as http-errors (a 4xx `status`): a malformed
 * percent-encoding in the path, an unknown Content-Encoding or charset, a gzip body that does not inflate,
 * JSON that does not parse, a body over the limit. Typed, with our own messages (theirs may echo input).
 */
function clientErrorOf(err: unknown): AppError | undefined {
  if (!(err instanceof Error)) return undefined;
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (err instanceof URIError) return badRequest('The address is not valid.');
  if (status === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.');
  if (status === 415) return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'This encoding is not supported.');
  if (type === 'entity.parse.failed') return badRequest('The request body is not valid JSON.');
  return badRequest('The request body could not be read.');
}

/** Private JSON (chat, notes, names) must never sit in a browser or proxy cache: quick exit cannot clear those. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  res.vary('Cookie');
  next();
};

/**
 * Refuses a body over the limit before reading any of it, and closes the connection (body-parser reads a refused
 * body to its end before answering): a declared Content-Length over the limit gets 413; a body without one
 * (chunked, of any length) gets 400, since our pages always declare it.
 */
export function refuseOversizedBody(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) return next(new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.'));
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined) {
      res.setHeader('Connection', 'close');
      return next(badRequest('A request body needs a Content-Length.'));
    }
    next();
  };
}

/** Powerful features: camera, microphone, screen sharing and fullscreen for our own pages only; the rest off. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=(self)',
  'fullscreen=(self)',
  'accelerometer=()',
  'browsing-topics=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'magnetometer=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

export const permissionsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
};

/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must come from an allowed Origin
 * (browsers always send Origin on cross-site POST/PATCH/DELETE). Requests without Origin (curl, server-to-server)
 * carry no ambient browser cookies worth forging, but we still require a same-site Sec-Fetch-Site when present.
 */
export function checkOrigin(isAllowed: (origin: string, req: Request) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowed(origin, req)) {
      return next(new AppError(ErrorCode.FORBIDDEN, 'Cross-site request refused.'));
    }
    const site = req.headers['sec-fetch-site'];
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      return next(new AppError(ErrorCode.FORBIDDEN, 'Cross-site request refused.'));
    }
    next();
  };
}
