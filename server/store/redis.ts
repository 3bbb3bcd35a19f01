import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { DomainEvent } from '../../shared/domain/events.ts';
import { VersionConflict, type SessionStore } from './types.ts';

/**
 * Session logs in Redis, shared by every server process. Each session is a stream whose entry
 * ids are the event versions (`<version>-0`) plus a version counter; appends run as one Lua
 * script that compares the counter with the writer's expected version before adding anything,
 * so two processes appending at once can neither interleave nor lose events: one wins, the
 * other gets a VersionConflict, catches up and decides again.
 *
 * The log is only as durable as Redis: run it with `appendonly yes` and `appendfsync always`
 * so that an acknowledged note survives a Redis restart (see the README).
 */

const APPEND = `
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
for i = 4, #ARGV do
  v = v + 1
  redis.call('XADD', KEYS[2], v .. '-0', 'e', ARGV[i])
end
redis.call('SET', KEYS[1], v)
if ARGV[3] == '1' then redis.call('SREM', KEYS[3], ARGV[1]) end
return {0, v}
`;

const CREATE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
local v = 0
for i = 2, #ARGV do
  v = v + 1
  redis.call('XADD', KEYS[3], v .. '-0', 'e', ARGV[i])
end
redis.call('SET', KEYS[2], v)
redis.call('SADD', KEYS[4], ARGV[1])
return 1
`;

type Redis = RedisClientType;

export class RedisStore implements SessionStore {
  private readonly sha = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tablehop:',
  ) {}

  // Hash tags keep a session's keys in one slot.
  private version = (sid: string) => `${this.prefix}{${sid}}:version`;
  private log = (sid: string) => `${this.prefix}{${sid}}:log`;
  private code = (code: string) => `${this.prefix}code:${code}`;
  private open = () => `${this.prefix}open`;

  async create(sessionId: string, code: string, events: DomainEvent[]): Promise<boolean> {
    const created = await this.script(CREATE, [this.code(code), this.version(sessionId), this.log(sessionId), this.open()], [
      sessionId,
      ...events.map((e) => JSON.stringify(e)),
    ]);
    return created === 1;
  }

  async append(sessionId: string, expectedVersion: number, events: DomainEvent[]): Promise<void> {
    if (!events.length) return;
    const closes = events.some((e) => e.type === 'session:closed') ? '1' : '0';
    const [status, actual, ...missed] = (await this.script(APPEND, [this.version(sessionId), this.log(sessionId), this.open()], [
      sessionId,
      String(expectedVersion),
      closes,
      ...events.map((e) => JSON.stringify(e)),
    ])) as [number, number, ...string[]];
    if (status === -2) throw new Error(`Unknown session ${sessionId}`);
    if (status === -1) {
      throw new VersionConflict(sessionId, expectedVersion, actual, missed.map((e) => JSON.parse(e) as DomainEvent));
    }
  }

  async load(sessionId: string): Promise<DomainEvent[] | null> {
    const events = await this.readSince(sessionId, 0);
    return events.length ? events : null;
  }

  async readSince(sessionId: string, version: number): Promise<DomainEvent[]> {
    const entries = await this.redis.xRange(this.log(sessionId), `${version + 1}-0`, '+');
    return (entries ?? []).map((entry) => JSON.parse(entry.message.e as string) as DomainEvent);
  }

  async sessionIdByCode(code: string): Promise<string | null> {
    return (await this.redis.get(this.code(code)));
  }

  async openSessionIds(): Promise<string[]> {
    return (await this.redis.sMembers(this.open()));
  }

  async close(): Promise<void> {
    if (this.redis.isOpen) await this.redis.close();
  }

  /** EVALSHA, loading the script on first use or after a Redis restart. */
  private async script(body: string, keys: string[], args: string[]): Promise<unknown> {
    let sha = this.sha.get(body);
    if (!sha) this.sha.set(body, (sha = createHash('sha1').update(body).digest('hex')));
    try {
      return await this.redis.evalSha(sha, { keys, arguments: args });
    } catch (error) {
      if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
      return this.redis.eval(body, { keys, arguments: args });
    }
  }
}
