import type { Logger } from '../../lib/logger.js';
import { defineHandler, READERS } from '../../realtime/handler.js';
import type { TandemSocket } from '../../realtime/types.js';
import type { VideoService } from './video.service.js';

/** Video events. Signals from one socket are relayed one after another, in the order they were sent. */
export function registerVideoHandlers(
  socket: TandemSocket,
  ready: Promise<unknown>,
  log: Logger,
  video: VideoService,
): void {
  const d = socket.data;
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const everyone = { roles: ['therapist', 'partner'], seats: READERS } as const;
  /** The call is for admitted devices only (checked in storage before each event). */
  const inRoom = { roles: ['therapist', 'partner'], admitted: true, seats: READERS } as const;

  defineHandler(socket, ready, log, 'video:hello', everyone, () => video.hello(d));
  defineHandler(socket, ready, log, 'rtc:join', inRoom, () => inOrder(() => video.joinCall(socket)));
  defineHandler(socket, ready, log, 'rtc:leave', everyone, () =>
    inOrder(() => video.leaveCall(socket).then(() => null)),
  );
  defineHandler(socket, ready, log, 'rtc:signal', inRoom, (payload) => inOrder(() => video.relay(socket, payload)));
  defineHandler(socket, ready, log, 'breakout:start', { roles: ['therapist'] }, (payload) =>
    video.startBreakout(d, payload),
  );
  defineHandler(socket, ready, log, 'breakout:end', { roles: ['therapist'] }, () => video.endBreakout(d));
  socket.on('disconnect', () => {
    ready
      .then(() => video.announceLeft(d))
      .catch((err: unknown) => log.error({ err, sessionId: d.sessionId }, 'video leave failed'));
  });
}
