import type { RedisClientType } from 'redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Every limit the server keeps, in one place, held in Redis when several processes share sessions
 * (so one participant with a socket on each of two processes still has one budget) and in memory
 * otherwise. rate-limiter-flexible does the counting: fixed windows whose keys expire with the
 * window, so a session's budgets leave memory (or Redis) a window after its last command, and a
 * Redis that stops answering falls back to each process's own memory instead of refusing everyone.
 */

export interface Budget {
  /** Takes one unit; when none is left, says in how many milliseconds to try again. */
  take(key: string): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
  /** Whether a key may still spend, without spending (for guesses: only misses cost). */
  blocked(key: string): Promise<number | null>;
  forget(key: string): Promise<void>;
}

export interface LimitSettings {
  /** Commands one participant may send: this many at once… */
  burst: number;
  /** …and this many a second over time. */
  perSecond: number;
  /** Joins and session creations per client address per minute. */
  httpPerMinute: number;
  /** Notes one participant may write at once, and per minute over time (default `NOTE_PACE`). */
  notes?: { burst: number; perMinute: number };
}

export interface Limits {
  /** Commands that change a session, per participant (across their sockets) or per connection. */
  participantCommands: Budget;
  /** Facilitators and rapporteurs work in bursts (sorting a hundred notes): a budget of their own. */
  staffCommands: Budget;
  /** Clock pings, resyncs, a participant's own notes: cheap, and kept apart from writes. */
  reads: Budget;
  /** Notes, per participant: people write at the pace a table can read, not forty in three seconds. */
  notes: Budget;
  /** HTTP writes (joins, new sessions), per client address. */
  http: Budget;
  /** Wrong join codes and credentials, per client address: only misses count. */
  guesses: Budget;
}

/** The note pace: six notes at once, then twelve a minute, one every five seconds on average. */
export const NOTE_PACE = { burst: 6, perMinute: 12 };
/** Misses a client address may make guessing codes or credentials before it waits. */
export const GUESSES = { points: 30, seconds: 300 };

export function createLimits(settings: LimitSettings, redis?: RedisClientType): Limits {
  const make = (name: string, points: number, seconds: number): Budget => {
    const duration = Math.max(1, Math.round(seconds));
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
    const limiter: RateLimiterAbstract = redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, points, duration, keyPrefix: `tablehop:rl:${name}`, insuranceLimiter: memory })
      : memory;
    return budget(limiter);
  };
  const window = settings.burst / settings.perSecond;
  return {
    participantCommands: make('commands', settings.burst, window),
    staffCommands: make('staff', settings.burst * 4, window),
    reads: make('reads', settings.burst * 2, window / 2),
    notes: make('notes', (settings.notes ?? NOTE_PACE).burst, ((settings.notes ?? NOTE_PACE).burst / (settings.notes ?? NOTE_PACE).perMinute) * 60),
    http: make('http', settings.httpPerMinute, 60),
    guesses: make('guesses', GUESSES.points, GUESSES.seconds),
  };
}

function budget(limiter: RateLimiterAbstract): Budget {
  return {
    async take(key) {
      try {
        await limiter.consume(key, 1);
        return { ok: true };
      } catch (rejection) {
        // A refusal is a RateLimiterRes; anything else (the store failing without a fallback) lets the command through.
        if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
        return { ok: true };
      }
    },
    async blocked(key) {
      try {
        const res = await limiter.get(key);
        return res && res.remainingPoints <= 0 ? Math.max(1, res.msBeforeNext) : null;
      } catch {
        return null;
      }
    },
    async forget(key) {
      try {
        await limiter.delete(key);
      } catch {
        // Expires with its window anyway.
      }
    },
  };
}

/** "wait a moment" in words a person can act on. */
export function waitFor(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds <= 1 ? 'a second' : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
