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
    let appErr: AppError | undefined;
    if (err instanceof AppError) appErr = err;
    else if (isBodyParserError(err)) {
      appErr =
        err.type === 'entity.too.large'
          ? new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.')
          : badRequest('The request body is not valid JSON.');
    } else {
      const known = fromDbError(err);
      if (known) appErr = known;
      // An unavailable database is logged too (codes only, see the logger), a bad character is the client's.
      if (known?.code !== ErrorCode.BAD_REQUEST) log(err, req);
    }
    const status = appErr?.status ?? 500;
    if (appErr?.retryAfterSeconds) res.setHeader('Retry-After', String(appErr.retryAfterSeconds));
    res.status(status).json({ ok: false, error: toApiError(appErr ?? err) });
  };
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return (
    typeof err === 'object' &&
    err !== null &&
    'type' in err &&
    typeof (err as { type: unknown }).type === 'string' &&
    'status' in err
  );
}

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
