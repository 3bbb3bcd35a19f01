import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ErrorCode, refuse, type ErrorCode as Code } from '../../shared/protocol/errors.ts';
import { commands } from '../../shared/commands/index.ts';
import { paths } from '../../shared/protocol/paths.ts';
import { describeZodError, sessionSetupSchema, type SessionSetup } from '../../shared/protocol/schemas.ts';
import { isId } from '../../shared/protocol/ids.ts';
import { Limits } from '../../shared/protocol/limits.ts';
import { isJoinCode, normaliseJoinCode } from '../../shared/protocol/joinCode.ts';
import { waitFor, type Limits as Budgets } from '../security/limits.ts';
import { hashToken, sameSecret } from '../security/tokens.ts';
import type { SessionRegistry } from '../sessions/registry.ts';
import { StoreUnavailable } from '../store/types.ts';

export interface ApiDeps {
  registry: SessionRegistry;
  publicUrl?: string;
  limits: Budgets;
}

const STATUS: Record<Code, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  wrong_phase: 409,
  full: 409,
  closed: 410,
  too_large: 413,
  rate_limited: 429,
  unknown_command: 404,
  unavailable: 503,
  internal: 500,
};

function fail(res: Response, error: Code, message: string) {
  res.status(STATUS[error]).json(refuse(error, message));
}

/** HTTP for what happens before a socket exists: creating a session and joining one. */
export function apiRouter({ registry, publicUrl, limits }: ApiDeps): Router {
  const router = express.Router();
  const base = (req: Request) => publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
  const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  /** Joins and new sessions, per client address, across every process (a venue's Wi-Fi is often one address). */
  const writeLimit = async (req: Request, res: Response, next: NextFunction) => {
    const taken = await limits.http.take(address(req));
    if (taken.ok) return next();
    res.set('Retry-After', String(Math.ceil(taken.retryAfterMs / 1000)));
    fail(res, ErrorCode.rateLimited, `Too many requests from this address; try again in ${waitFor(taken.retryAfterMs)}.`);
  };
  /**
   * The session a join code names. Guessing codes is throttled per address: each miss costs, and
   * an address out of misses learns nothing more (not even about codes that exist) until it waits.
   */
  const byCode = async (req: Request, res: Response) => {
    const waiting = await limits.guesses.blocked(address(req));
    if (waiting !== null) {
      res.set('Retry-After', String(Math.ceil(waiting / 1000)));
      fail(res, ErrorCode.rateLimited, `Too many wrong codes from this address; try again in ${waitFor(waiting)}.`);
      return null;
    }
    const code = normaliseJoinCode(String(req.params.code));
    const runtime = isJoinCode(code) ? await registry.byCode(code) : null;
    if (!runtime) {
      await limits.guesses.take(address(req));
      fail(res, ErrorCode.notFound, 'No session has this code. Check it with the facilitator.');
    }
    return runtime;
  };

  // Answers carry tokens: no browser or proxy keeps a copy.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ limit: Limits.maxHttpBodyBytes }));

  router.post('/sessions', writeLimit, async (req, res) => {
    const parsed = sessionSetupSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, ErrorCode.invalid, describeZodError(parsed.error));
    const { sessionId, code, facilitatorToken } = await registry.create(parsed.data);
    const url = base(req);
    res.status(201).json({
      ok: true,
      sessionId,
      code,
      facilitatorToken,
      facilitatorUrl: `${url}${paths.facilitator(sessionId, facilitatorToken)}`,
      joinUrl: `${url}${paths.join(code)}`,
      displayUrl: `${url}${paths.display(code)}`,
    });
  });

  // A facilitator's earlier setup, to start a new session from it.
  router.get('/sessions/:id/setup', async (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const runtime = isId('session', req.params.id) ? await registry.get(req.params.id) : null;
    if (!token || !runtime || !sameSecret(hashToken(token), runtime.state.facilitatorKeyHash)) {
      return fail(res, ErrorCode.unauthorised, 'This facilitator link is not valid for that session.');
    }
    const { config, tables } = runtime.state;
    const setup: SessionSetup = {
      title: config.title,
      description: config.description,
      rounds: config.rounds,
      roundSeconds: config.roundSeconds,
      movingSeconds: config.movingSeconds,
      autoAdvance: config.autoAdvance,
      stakeholderGroups: config.stakeholderGroups,
      ...(config.askOrganisation ? { askOrganisation: true } : {}),
      tables: tables.map((t) => ({ name: t.name, question: t.question, videoUrl: t.videoUrl, mode: t.mode, capacity: t.capacity })),
    };
    res.json({ ok: true, setup });
  });

  router.get('/join/:code', async (req, res) => {
    const runtime = await byCode(req, res);
    if (!runtime) return;
    const { state } = runtime;
    res.json({
      ok: true,
      sessionId: state.id,
      code: state.code,
      title: state.config.title,
      description: state.config.description,
      stakeholderGroups: state.config.stakeholderGroups,
      askOrganisation: state.config.askOrganisation ?? false,
      phase: state.phase,
    });
  });

  router.post('/join/:code', writeLimit, async (req, res) => {
    const join = commands['participant:join'];
    const parsed = join.schema.safeParse(req.body);
    if (!parsed.success) return fail(res, ErrorCode.invalid, describeZodError(parsed.error));
    const runtime = await byCode(req, res);
    if (!runtime) return;
    const decision = await runtime.execute('participant:join', parsed.data, { role: 'guest' });
    if (!decision.ok) return fail(res, decision.error, decision.message);
    const { participantToken, waiting } = decision.reply;
    res.status(201).json({ ok: true, sessionId: runtime.id, participantToken, participantUrl: `${base(req)}${paths.participant(runtime.id)}`, waiting });
  });

  router.use((_req, res) => fail(res, ErrorCode.notFound, 'No such endpoint.'));
  return router;
}

/** Malformed or oversize bodies are refused with a reason; nothing reaches the handlers. */
export function apiErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(error);
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return fail(res, ErrorCode.tooLarge, `The request body is larger than ${Limits.maxHttpBodyBytes} bytes.`);
  if (type === 'entity.parse.failed') return fail(res, ErrorCode.invalid, 'The request body is not valid JSON.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return fail(res, ErrorCode.invalid, 'Send the body as UTF-8 JSON.');
  if (error instanceof StoreUnavailable) {
    res.set('Retry-After', '2');
    return fail(res, ErrorCode.unavailable, 'The server cannot save anything right now; try again in a moment.');
  }
  const status = (error as { status?: number }).status;
  if (status && status >= 400 && status < 500) return fail(res, ErrorCode.invalid, 'The request could not be read.');
  (res.locals.logger as { error?: (o: object, m: string) => void } | undefined)?.error?.({ err: error }, 'request failed');
  fail(res, ErrorCode.internal, 'Something went wrong on the server; nothing was changed.');
}
