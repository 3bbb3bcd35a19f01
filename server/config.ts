import { z } from 'zod';

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
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [])),
  /** Bearer token for GET /metrics (live sessions and connections); unset, the route does not exist. */
  TABLEHOP_METRICS_TOKEN: z.string().min(16).optional(),
  /** 1 serves the client's source maps (for debugging a deployment); by default they are not served. */
  TABLEHOP_SOURCEMAPS: z.enum(['0', '1']).default('0'),
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
