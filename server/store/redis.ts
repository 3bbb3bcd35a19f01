import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { StoreUnavailable, VersionConflict, type AppendListener, type Follower, type SessionStore } from './types.ts';

/** What XREAD answers with RESP2: node-redis types it loosely, so the shape is named here. */
type StreamReply = { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null;

/**
 * Session logs in Redis, shared by every server process. Each session is a stream whose entry
 * ids are the event versions (`<version>-0`) plus a version counter; appends run as one Lua
 * script that compares the counter with the writer's expected version before adding anything,
 * so two processes appending at once can neither interleave nor lose events: one wins, the
 * other gets a VersionConflict, catches up and decides again.
 *
 * The same script adds a small notification (session, version) to one stream that every process
 * follows (`follow`), so the notification exists exactly when the facts do: a process that dies
 * right after its append has still told the others, who read the facts from the log and tell
 * their own clients. Notifications are numbered without gaps (`<n>-0`), so a follower knows when
 * it missed some (the stream is trimmed to about NOTIFICATIONS_KEPT entries) and catches up from
 * the logs instead.
 *
 * The log is only as durable as Redis: run it with `appendonly yes` and `appendfsync always`
 * so that an acknowledged note survives a Redis restart (see the README).
 */

/** Notifications kept in the stream; a follower further behind than this catches up from the logs. */
export const NOTIFICATIONS_KEPT = 50_000;

// KEYS[n], KEYS[n+1]: the notification stream and its counter; ARGV: session id, new version, how many to keep.
const NOTIFY = `
local function notify(stream, counter, sid, version, keep)
  local n = redis.call('INCR', counter)
  local added = redis.pcall('XADD', stream, 'MAXLEN', '~', keep, n .. '-0', 's', sid, 'v', version)
  if type(added) == 'table' and added.err then
    -- The counter fell behind the stream (it was reset by hand): put it past the last entry.
    local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)[1]
    n = tonumber(string.match(last[1], '^(%d+)')) + 1
    redis.call('SET', counter, n)
    redis.call('XADD', stream, 'MAXLEN', '~', keep, n .. '-0', 's', sid, 'v', version)
  end
end
`;

const APPEND = `${NOTIFY}
local v = tonumber(redis.call('GET', KEYS[1]))
if v == nil then return {-2, 0} end
if v ~= tonumber(ARGV[2]) then
  -- Hand back what the writer missed, so it can decide again without another round trip.
  local out = {-1, v}
  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], (tonumber(ARGV[2]) + 1) .. '-0', '+')) do
    out[#out + 1] = entry[2][2]
  end
  return out
end
notify(KEYS[4], KEYS[5], ARGV[1], v + #ARGV - 4, ARGV[4])
for i = 5, #ARGV do
  v = v + 1
  redis.call('XADD', KEYS[2], v .. '-0', 'e', ARGV[i])
end
redis.call('SET', KEYS[1], v)
if ARGV[3] == '1' then redis.call('SREM', KEYS[3], ARGV[1]) end
return {0, v}
`;

const CREATE = `${NOTIFY}
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
notify(KEYS[5], KEYS[6], ARGV[1], #ARGV - 2, ARGV[2])
local v = 0
for i = 3, #ARGV do
  v = v + 1
  redis.call('XADD', KEYS[3], v .. '-0', 'e', ARGV[i])
end
redis.call('SET', KEYS[2], v)
redis.call('SADD', KEYS[4], ARGV[1])
return 1
`;

type Redis = RedisClientType;

/** How long a follower blocks on the stream before asking again (and how soon it notices a closed store). */
const BLOCK_MS = 5000;
/** Pause after a failed read, so a follower waiting for Redis does not spin. */
const RETRY_MS = 250;

export class RedisStore implements SessionStore {
  private readonly sha = new Map<string, string>();
  private readonly followers = new Set<{ close(): Promise<void> }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tablehop:',
  ) {}

  // Hash tags keep a session's keys in one slot.
  private version = (sid: string) => `${this.prefix}{${sid}}:version`;
  private log = (sid: string) => `${this.prefix}{${sid}}:log`;
  private code = (code: string) => `${this.prefix}code:${code}`;
  private open = () => `${this.prefix}open`;
  private notifications = () => `${this.prefix}appended`;
  private counter = () => `${this.prefix}appended:seq`;

  async create(sessionId: string, code: string, events: DomainEvent[]): Promise<boolean> {
    const created = await this.script(
      CREATE,
      [this.code(code), this.version(sessionId), this.log(sessionId), this.open(), this.notifications(), this.counter()],
      [sessionId, String(NOTIFICATIONS_KEPT), ...events.map((e) => JSON.stringify(e))],
    );
    return created === 1;
  }

  async append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void> {
    if (!events.length) return;
    const closes = events.some((e) => e.type === 'session:closed') ? '1' : '0';
    const [status, actual, ...missed] = (await this.script(
      APPEND,
      [this.version(sessionId), this.log(sessionId), this.open(), this.notifications(), this.counter()],
      [sessionId, String(expectedVersion), closes, String(NOTIFICATIONS_KEPT), ...events.map((e) => JSON.stringify(e))],
    )) as [number, number, ...string[]];
    if (status === -2) throw new Error(`Unknown session ${sessionId}`);
    if (status === -1) {
      throw new VersionConflict(
        sessionId,
        expectedVersion,
        actual,
        missed.map((e) => JSON.parse(e) as DomainEvent),
      );
    }
  }

  async load(sessionId: string): Promise<DomainEvent[] | null> {
    const events = await this.readSince(sessionId, 0);
    return events.length ? events : null;
  }

  async readSince(sessionId: string, version: number): Promise<DomainEvent[]> {
    const entries = await this.call(() => this.redis.xRange(this.log(sessionId), `${version + 1}-0`, '+'));
    return (entries ?? []).map((entry) => JSON.parse(entry.message.e as string) as DomainEvent);
  }

  async sessionIdByCode(code: string): Promise<string | null> {
    return this.call(() => this.redis.get(this.code(code)));
  }

  async openSessionIds(): Promise<string[]> {
    return this.call(() => this.redis.sMembers(this.open()));
  }

  /** A write with a short life: Redis answers, and takes writes (not a read-only replica, not out of memory). */
  async probe(): Promise<void> {
    await this.call(() => this.redis.set(`${this.prefix}probe`, String(Date.now()), { expiration: { type: 'PX', value: 10_000 } }));
  }

  /**
   * Follows every process's appends on a connection of its own (a blocking read would hold up
   * everything else on a shared one). Resolves once it knows where the stream stands, so nothing
   * appended after that is missed. A dropped connection (Redis restarting, a network cut) and a gap
   * in the numbering both end in `missed()`: catching up from the logs covers whatever happened.
   */
  async follow(listener: AppendListener): Promise<Follower> {
    const reader = this.redis.duplicate();
    // Errors surface in the read loop below; the client reconnects by itself.
    reader.on('error', () => undefined);
    await this.call(() => reader.connect());
    let last = await this.call(() => this.lastNotification(reader));
    let healthy = true;
    let stopped = false;
    let behind = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          if (behind) {
            // Whatever was appended before this number is in the logs, which `missed` reads.
            last = await this.lastNotification(reader);
            behind = false;
            listener.missed();
          }
          const read: StreamReply = await reader.xRead({ key: this.notifications(), id: `${last}-0` }, { BLOCK: BLOCK_MS, COUNT: 1000 });
          healthy = true;
          for (const entry of read?.[0]?.messages ?? []) {
            const n = Number.parseInt(entry.id, 10);
            if (n !== last + 1) listener.missed();
            last = n;
            listener.appended(String(entry.message.s), Number(entry.message.v));
          }
        } catch {
          if (stopped) break;
          healthy = false;
          behind = true;
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    })();
    const follower = {
      healthy: () => healthy && reader.isReady,
      close: async () => {
        stopped = true;
        this.followers.delete(follower);
        // Closing the connection ends the blocking read at once.
        reader.destroy();
        await loop;
      },
    };
    this.followers.add(follower);
    return follower;
  }

  async close(): Promise<void> {
    await Promise.all([...this.followers].map((f) => f.close()));
    if (this.redis.isOpen) await this.redis.close();
  }

  /** The number of the last notification (0 for none yet). */
  private async lastNotification(client: Redis): Promise<number> {
    const last = (await client.xRevRange(this.notifications(), '+', '-', { COUNT: 1 }))?.[0];
    return last ? Number.parseInt(last.id, 10) : 0;
  }

  /** Redis that cannot be reached (or cannot write) is `unavailable`, whatever the client's error says. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new StoreUnavailable('The session store (Redis) cannot be reached.', error);
    }
  }

  /** EVALSHA, loading the script on first use or after a Redis restart. */
  private async script(body: string, keys: string[], args: string[]): Promise<unknown> {
    let sha = this.sha.get(body);
    if (!sha) this.sha.set(body, (sha = createHash('sha1').update(body).digest('hex')));
    const evalSha = sha;
    return this.call(async () => {
      try {
        return await this.redis.evalSha(evalSha, { keys, arguments: args });
      } catch (error) {
        if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
        return this.redis.eval(body, { keys, arguments: args });
      }
    });
  }
}
