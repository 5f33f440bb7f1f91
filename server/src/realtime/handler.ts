import {
  ErrorCode,
  type ClientEventAckData,
  type ClientEventName,
  type ClientEventPayload,
  type Result,
  type Role,
  type SessionSeat,
} from '@tandem/shared';
import { clientEventSchemas, describeZodError } from '@tandem/shared/schemas';
import type { Logger } from '../lib/logger.js';
import { AppError, toApiError } from '../lib/errors.js';
import type { SocketDataOf, TandemSocket } from './types.js';

export interface HandlerOptions<R extends Role> {
  /** Roles allowed to send this event; others get FORBIDDEN. */
  roles: readonly R[];
  /** Only while admitted to the room (the therapist always is; a partner device once admitted), from storage. */
  admitted?: boolean;
  /**
   * Which clinicians' seats may send it. By default an event only the therapist sends runs the session (its
   * runner, `lead`, alone), and one partners send too is taking part (the runner and a co-therapist); a supervisor
   * only reads, so only events that read list `supervisor`.
   */
  seats?: readonly SessionSeat[];
}

/** The seats a handler accepts (see `HandlerOptions.seats`). */
export function seatsOf(options: { roles: readonly Role[]; seats?: readonly SessionSeat[] }): readonly SessionSeat[] {
  if (options.seats) return options.seats;
  return options.roles.includes('partner') ? ['lead', 'cotherapist'] : ['lead'];
}

/** The seats of an event that only reads: everyone's, a supervisor's too. */
export const READERS = ['lead', 'cotherapist', 'supervisor'] as const;

/**
 * What every event is checked against before it runs (bound once per socket, see `bindSocketGuard`):
 * the credential has not expired, and, when the handler asks for it, the sender is admitted.
 */
export interface SocketGuard {
  check(socket: TandemSocket, needs: { admitted: boolean }): Promise<void>;
}

const guards = new WeakMap<TandemSocket, SocketGuard>();

export function bindSocketGuard(socket: TandemSocket, guard: SocketGuard): void {
  guards.set(socket, guard);
}

type LooseOn = (event: string, listener: (...args: unknown[]) => void) => void;

/**
 * Registers one event: check the role, the credential and admission, validate the payload with its schema,
 * run, and ack `{ok:true,data}` or `{ok:false,error}`. Unknown errors become INTERNAL and are logged, never
 * echoed. `ready` resolves once the socket has been placed in its rooms. `fn` receives the sender, narrowed to
 * the roles the handler accepts.
 */
export function defineHandler<E extends ClientEventName, R extends Role>(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  event: E,
  options: HandlerOptions<R>,
  fn: (payload: ClientEventPayload<E>, who: SocketDataOf<R>) => Promise<ClientEventAckData<E>>,
): void {
  const schema = clientEventSchemas[event];
  const roles: readonly Role[] = options.roles;
  const seats = seatsOf(options);
  (socket.on as unknown as LooseOn)(event, (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (r: Result<unknown>) => void) : undefined;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    const run = async (): Promise<unknown> => {
      await ready;
      const who = socket.data;
      if (!roles.includes(who.role)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'You are not allowed to do that.');
      }
      if (who.role === 'therapist' && !seats.includes(who.seat)) {
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the clinician who runs this session can do that.');
      }
      const guard = guards.get(socket);
      if (!guard) throw new AppError(ErrorCode.UNAUTHENTICATED, 'This connection has no credential.');
      await guard.check(socket, { admitted: options.admitted ?? false });
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new AppError(ErrorCode.BAD_REQUEST, describeZodError(parsed.error));
      return fn(parsed.data as ClientEventPayload<E>, who as SocketDataOf<R>);
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
