import {
  ErrorCode,
  type ClientEventAckData,
  type ClientEventName,
  type ClientEventPayload,
  type Result,
  type Role,
} from '@tandem/shared';
import { clientEventSchemas, describeZodError } from '@tandem/shared/schemas';
import type { Logger } from '../lib/logger.js';
import { AppError, toApiError } from '../lib/errors.js';
import type { TandemSocket } from './types.js';

export interface HandlerOptions {
  /** Roles allowed to send this event; others get FORBIDDEN. */
  roles: readonly Role[];
}

type LooseOn = (event: string, listener: (...args: unknown[]) => void) => void;

/**
 * Registers one event: validate the payload with its schema, check the role, run, and ack
 * `{ok:true,data}` or `{ok:false,error}`. Unknown errors become INTERNAL and are logged, never echoed.
 * `ready` resolves once the socket has been placed in its rooms.
 */
export function defineHandler<E extends ClientEventName>(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  event: E,
  options: HandlerOptions,
  fn: (payload: ClientEventPayload<E>) => Promise<ClientEventAckData<E>>,
): void {
  const schema = clientEventSchemas[event];
  (socket.on as unknown as LooseOn)(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (r: Result<unknown>) => void) : undefined;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    const run = async (): Promise<unknown> => {
      await ready;
      if (!options.roles.includes(socket.data.role)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'You are not allowed to do that.');
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new AppError(ErrorCode.BAD_REQUEST, describeZodError(parsed.error));
      return fn(parsed.data as ClientEventPayload<E>);
    };
    run().then(
      (data) => ack?.({ ok: true, data: data ?? null }),
      (err: unknown) => {
        if (!(err instanceof AppError)) log.error({ err, event }, 'socket handler failed');
        ack?.({ ok: false, error: toApiError(err) });
      },
    );
  });
}

/** Any event without a registered handler gets a typed error (when the client asked for an ack). */
export function refuseUnknownEvents(socket: TandemSocket): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(clientEventSchemas, event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      (ack as (r: Result<null>) => void)({
        ok: false,
        error: { code: ErrorCode.BAD_REQUEST, message: 'Unknown event.' },
      });
    }
  });
}
