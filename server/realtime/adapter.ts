import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { RedisClientType } from 'redis';

/**
 * Socket.IO's Redis adapter, for table audio only: a call's members may sit on different
 * processes, and audio finds them (`fetchSockets`) and relays their signalling through it. Nothing
 * about sessions goes through it: every process follows the session logs and tells its own
 * connections (`io.local`), so the fan-out never broadcasts between processes.
 *
 * The adapter (0.3.1) sends some messages with a PUBLISH whose failure nobody handles, and an
 * unhandled rejection ends a Node process: when Redis restarts, every process would die with it.
 * It gets the client through a view whose `publish` logs a failure and reports nothing sent; the
 * audio request waiting for an answer then times out and is refused like any other.
 *
 * Its reading connection is a duplicate of the client, and it reads again at once after a failed
 * read. With this app's clients, which refuse commands while disconnected rather than queue them,
 * that is a loop of promises rejected at once that never yields to I/O: the process stops
 * answering and cannot even reconnect. Its duplicates queue commands while Redis is away instead,
 * so a read waits for the connection to come back.
 */
export function audioAdapter(redis: RedisClientType, logger: Logger) {
  const publish = (channel: string, message: string | Buffer) =>
    redis.publish(channel, message).catch((err: unknown) => {
      logger.warn({ err }, 'audio relay: Redis did not take a message; the call catches up on its next change');
      return 0;
    });
  const guarded = new Proxy(redis, {
    get(target, property) {
      if (property === 'publish') return publish;
      if (property === 'duplicate') return () => target.duplicate({ disableOfflineQueue: false });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return createAdapter(guarded, { streamName: 'tablehop:socket.io' });
}
