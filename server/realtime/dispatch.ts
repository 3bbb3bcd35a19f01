import type { Logger } from 'pino';
import { gate, isSocketCommand, specOf, type CommandName, type PayloadOf } from '../../shared/commands/index.ts';
import { forbiddenFor, isRefusal } from '../../shared/commands/spec.ts';
import { seatingInput, type SeatingPreview } from '../../shared/domain/seating.ts';
import { ErrorCode, refuse, type Result } from '../../shared/protocol/errors.ts';
import { describeZodError } from '../../shared/protocol/schemas.ts';
import type { Clock } from '../clock.ts';
import type { Planner } from '../sessions/planner.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import type { AppSocket } from './handshake.ts';
import { actorOf } from './presence.ts';
import { RateLimiter } from './rateLimit.ts';
import { reads, type ReadName, type ReadRequest } from './reads.ts';

export interface DispatchDeps {
  planner: Planner;
  clock: Clock;
  logger: Logger;
  rate: { burst: number; perSecond: number };
  /** Absolute links on this server's public address, for the socket's request. */
  link: (socket: AppSocket) => (path: string) => string;
}

/**
 * One dispatcher for every command of the table, in the order a reader can check: known command,
 * role, budget, schema, then the session's gate and rule. Reads are answered by the shell; writes
 * are decided, committed, applied and fanned out by the session's runtime.
 */
export function dispatcher({ planner, clock, logger, rate, link }: DispatchDeps) {
  const writes = new RateLimiter(rate.burst, rate.perSecond);
  const cheapReads = new RateLimiter(rate.burst * 2, rate.perSecond * 4);

  async function handle(socket: AppSocket, runtime: SessionRuntime, event: string, payload: unknown): Promise<Result<object>> {
    if (!isSocketCommand(event)) return refuse(ErrorCode.unknownCommand, `Unknown command "${event.slice(0, 40)}".`);
    const spec = specOf(event)!;
    const actor = actorOf(socket);
    if (!spec.roles.includes(actor.role)) return forbiddenFor(spec.roles, actor);
    const limiter = spec.kind === 'read' && !spec.costly ? cheapReads : writes;
    if (!limiter.take(budgetKey(socket), clock.now())) return refuse(ErrorCode.rateLimited, 'Too many requests; wait a moment and try again.');
    const parsed = spec.schema.safeParse(payload);
    if (!parsed.success) return refuse(ErrorCode.invalid, describeZodError(parsed.error));
    const input = parsed.data as PayloadOf<CommandName>;

    let preview: SeatingPreview | undefined;
    if (spec.needsPreview || spec.kind === 'read') {
      // Refused early (a closed session, the wrong phase) before any planning is paid for.
      const checked = await runtime.read((state) => gate(state, spec, actor));
      if (isRefusal(checked)) return checked;
    }
    if (spec.needsPreview) preview = await previewFor(runtime, input as { attempt?: number; version?: number });
    if (spec.kind === 'read') {
      const request = { socket, runtime, input, clock, preview } as ReadRequest<ReadName>;
      const reply = await (reads[event as ReadName] as (r: ReadRequest<ReadName>) => Promise<object>)(request);
      return isRefusal(reply) ? reply : { ok: true, ...reply };
    }
    const decision = await runtime.execute(event as CommandName, input, actor, { link: link(socket), ...(preview ? { preview } : {}) });
    return decision.ok ? { ok: true, ...(decision.reply as object) } : decision;
  }

  /** The planner's preview for the attempt asked (or the accepted plan's), unless the café has moved on. */
  async function previewFor(runtime: SessionRuntime, input: { attempt?: number; version?: number }): Promise<SeatingPreview | undefined> {
    // A copy of what seating depends on, taken between commands; the planning itself runs on a worker.
    const copy = await runtime.read(seatingInput);
    // Planning a café that has changed since would be wasted: the decision refuses it anyway.
    if (input.version !== undefined && input.version !== copy.seatingVersion) return undefined;
    return planner.preview(copy, input.attempt ?? copy.plan?.attempt ?? 0);
  }

  /** Budgets kept per connection go with it; a participant's outlive a reconnect. */
  function release(socket: AppSocket): void {
    if (socket.data.participantId) return;
    writes.forget(socket.id);
    cheapReads.forget(socket.id);
  }

  const listen = (socket: AppSocket, runtime: SessionRuntime) =>
    // One dispatcher per socket rather than a listener per command: ~5 kB less heap per connection.
    async (event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      // Every command must be acknowledged; one without a callback has nobody to tell and is dropped.
      if (typeof ack !== 'function') return;
      const reply = ack as (r: Result<object>) => void;
      try {
        reply(await handle(socket, runtime, event, args.length > 1 ? args[0] : undefined));
      } catch (error) {
        logger.error({ err: error, command: event.slice(0, 40), sessionId: runtime.id }, 'command failed');
        reply(refuse(ErrorCode.internal, 'Something went wrong on the server; nothing was changed. Try again.'));
      }
    };
  return { listen, release };
}

/** A participant's budget holds across all their sockets; anyone else's is per connection. */
function budgetKey(socket: AppSocket): string {
  return socket.data.participantId ? `${socket.data.sessionId}:${socket.data.participantId}` : socket.id;
}
