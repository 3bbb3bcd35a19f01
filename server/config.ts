import { z } from 'zod';
import { DEFAULT_TURN_TTL_SECONDS, type AudioConfig } from './security/turn.ts';

/** A comma-separated list of ICE server URLs, each of one of the given schemes. */
const urlList = (schemes: string[]) =>
  z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().refine((u) => schemes.some((scheme) => u.startsWith(`${scheme}:`)), { message: `each must start with ${schemes.join(': or ')}:` })),
    );

/** Everything the server reads from its environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TABLEHOP_DATA_DIR: z.string().default('./data'),
  TABLEHOP_SQLITE_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Base of the links the server hands out, e.g. https://cafe.example.org; defaults to the request's own host. */
  PUBLIC_URL: z.url().optional(),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Commands a participant or facilitator may send: a bucket of this size… */
  TABLEHOP_RATE_BURST: z.coerce.number().int().min(1).default(30),
  /** …refilled at this many per second. */
  TABLEHOP_RATE_PER_SECOND: z.coerce.number().min(0.1).default(5),
  /** Notes one participant may write at once… */
  TABLEHOP_NOTE_BURST: z.coerce.number().int().min(1).default(6),
  /** …and per minute over time: people write at the pace a table can read. */
  TABLEHOP_NOTES_PER_MINUTE: z.coerce.number().min(1).default(12),
  /** Joins and session creations per client address per minute (a venue's Wi-Fi is one address). */
  TABLEHOP_HTTP_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TRUST_PROXY: z.string().optional(),
  /** Web origins besides this server's own (and PUBLIC_URL) whose pages may open a socket, comma-separated. */
  TABLEHOP_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    ),
  /** Bearer token for GET /metrics (live sessions and connections); unset, the route does not exist. */
  TABLEHOP_METRICS_TOKEN: z.string().min(16).optional(),
  /** 1 serves the client's source maps (for debugging a deployment); by default they are not served. */
  TABLEHOP_SOURCEMAPS: z.enum(['0', '1']).default('0'),
  /** Table audio: STUN servers, comma-separated (`stun:host:port`). */
  TABLEHOP_STUN_URLS: urlList(['stun', 'stuns']),
  /** Table audio: TURN servers, comma-separated (`turn:host:3478?transport=udp,turns:host:5349`). */
  TABLEHOP_TURN_URLS: urlList(['turn', 'turns']),
  /** coturn's `static-auth-secret`; members get credentials derived from it that expire. */
  TABLEHOP_TURN_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  TABLEHOP_TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(DEFAULT_TURN_TTL_SECONDS),
  /** `relay` (the default with TURN): calls go through TURN, so members never learn each other's addresses. */
  TABLEHOP_ICE_POLICY: z.enum(['all', 'relay']).optional(),
  /** Fault tests only (server/store/faults.ts): the process kills itself right after appending a fact of this type. */
  TABLEHOP_FAULT_DIE_AFTER_APPEND: z.enum(['note:added', 'round:ended', 'timer:extended', 'broadcast:sent']).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

/** Table audio's ICE settings from the environment, checked together: TURN needs its secret. */
export function audioConfig(env: Env): AudioConfig {
  const turn = env.TABLEHOP_TURN_URLS;
  if (turn.length && !env.TABLEHOP_TURN_SECRET) throw new Error('Invalid configuration:\n  TABLEHOP_TURN_SECRET: required with TABLEHOP_TURN_URLS');
  if (env.TABLEHOP_ICE_POLICY === 'relay' && !turn.length) throw new Error('Invalid configuration:\n  TABLEHOP_ICE_POLICY: relay needs TABLEHOP_TURN_URLS');
  return {
    stunUrls: env.TABLEHOP_STUN_URLS,
    turnUrls: turn,
    turnSecret: env.TABLEHOP_TURN_SECRET,
    turnTtlSeconds: env.TABLEHOP_TURN_TTL_SECONDS,
    policy: env.TABLEHOP_ICE_POLICY ?? (turn.length ? 'relay' : 'all'),
  };
}
