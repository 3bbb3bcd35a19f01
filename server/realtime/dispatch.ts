import type { Logger } from 'pino';
import { gate, isSocketCommand, parseInput, specOf, type CommandName, type PayloadOf } from '../../shared/commands/index.ts';
import { forbiddenFor, isRefusal, type CommandContext, type CommandSpec } from '../../shared/commands/spec.ts';
import { seatingInput, type SeatingPreview } from '../../shared/domain/seating.ts';
import { ErrorCode, refuse, type Refusal, type Result } from '../../shared/protocol/errors.ts';
import { describeZodError } from '../../shared/protocol/schemas.ts';
import type { Clock } from '../clock.ts';
import type { PaceWatch } from '../moderation/pace.ts';
import { screen } from '../moderation/words.ts';
import { waitFor, type Budget, type Limits, type Taken } from '../security/limits.ts';
import type { Planner } from '../sessions/planner.ts';
import type { ThemeSuggester } from '../harvest/suggestWorker.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import { StoreUnavailable } from '../store/types.ts';
import type { AppSocket } from './handshake.ts';
import { actorOf } from './presence.ts';
import { reads, type ReadName, type ReadRequest } from './reads.ts';

export interface DispatchDeps {
  planner: Planner;
  suggester: ThemeSuggester;
  clock: Clock;
  logger: Logger;
  limits: Limits;
  /** Absolute links on this server's public address, for the socket's request. */
  link: (socket: AppSocket) => (path: string) => string;
  /** Counts people the note pace holds back, for staff. */
  pace?: PaceWatch;
}

/**
 * One dispatcher for every command of the table, in the order a reader can check: known command,
 * role, budget, schema, then the session's gate and rule. Reads are answered by the shell; writes
 * are decided, committed, applied and fanned out by the session's runtime.
 */
export function dispatcher({ planner, suggester, clock, logger, limits, link, pace }: DispatchDeps) {
  async function handle(socket: AppSocket, runtime: SessionRuntime, lend: Lend, key: string, event: string, payload: unknown): Promise<Result<object>> {
    if (!isSocketCommand(event)) return refuse(ErrorCode.unknownCommand, 'No such command.');
    const spec = specOf(event)!;
    const actor = actorOf(socket);
    if (!spec.roles.includes(actor.role)) return forbiddenFor(spec.roles, actor);
    let spent = spend(budgetOf(spec, socket), key, 'Too many requests');
    if (spent instanceof Promise) spent = await spent;
    if (spent) return spent;
    const parsed = parseInput(event, payload);
    if (!parsed.success) return refuse(ErrorCode.invalid, describeZodError(parsed.error));
    const input = parsed.data as PayloadOf<CommandName>;
    if (spec.pace === 'notes') {
      let paced = spend(limits.notes, key, 'You are writing faster than your table can read');
      if (paced instanceof Promise) paced = await paced;
      if (paced) {
        // Staff see that someone is held back, counted so that it names nobody (server/moderation/pace.ts).
        if (socket.data.participantId) pace?.held(runtime, socket.data.participantId);
        return paced;
      }
    }

    let preview: SeatingPreview | undefined;
    if (spec.needsPreview || spec.kind === 'read') {
      // Refused early (a closed session, the wrong phase) before any planning is paid for.
      const checked = await runtime.read((state) => gate(state, spec, actor));
      if (isRefusal(checked)) return checked;
    }
    if (spec.needsPreview) preview = await previewFor(runtime, input as { attempt?: number; version?: number });
    if (spec.kind === 'read') {
      const request = { socket, runtime, input, clock, suggester, preview } as ReadRequest<ReadName>;
      // One handler per read, each typed by its own command; here any of them, for its own request.
      // tsc needs the widening (a union of handlers cannot be called); the linter's view says otherwise.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      const answer = reads[event as ReadName] as (r: ReadRequest<ReadName>) => Promise<object>;
      const reply = await answer(request);
      return isRefusal(reply) ? reply : { ok: true, ...reply };
    }
    const decision = await runtime.execute(event, input, actor, preview ? { ...lend, preview } : lend);
    return decision.ok ? { ok: true, ...(decision.reply as object) } : decision;
  }

  /** Reads have a budget of their own; staff work in bursts and have theirs; participants share one. */
  function budgetOf(spec: CommandSpec, socket: AppSocket): Budget {
    if (spec.kind === 'read' && !spec.costly) return limits.reads;
    return socket.data.role === 'participant' || socket.data.role === 'display' || socket.data.role === 'device'
      ? limits.participantCommands
      : limits.staffCommands;
  }

  /** The planner's preview for the attempt asked (or the accepted plan's), unless the café has moved on. */
  async function previewFor(runtime: SessionRuntime, input: { attempt?: number; version?: number }): Promise<SeatingPreview | undefined> {
    // A copy of what seating depends on, taken between commands; the planning itself runs on a worker.
    const copy = await runtime.read(seatingInput);
    // Planning a café that has changed since would be wasted: the decision refuses it anyway.
    if (input.version !== undefined && input.version !== copy.seatingVersion) return undefined;
    return planner.preview(copy, input.attempt ?? copy.plan?.attempt ?? 0);
  }

  return (socket: AppSocket, runtime: SessionRuntime) => {
    // What the shell lends every command of this socket, made once: its links never change.
    const lend: Lend = { link: link(socket), screen };
    // Its budget's key too (who it is does not change while it is connected): one string, hashed once.
    const key = budgetKey(socket);
    // One dispatcher per socket rather than a listener per command: ~5 kB less heap per connection.
    return async (event: string, ...args: unknown[]) => {
      const ack = args[args.length - 1];
      // Every command must be acknowledged; one without a callback has nobody to tell and is dropped.
      if (typeof ack !== 'function') return;
      const reply = ack as (r: Result<object>) => void;
      try {
        reply(await handle(socket, runtime, lend, key, event, args.length > 1 ? args[0] : undefined));
      } catch (error) {
        if (error instanceof StoreUnavailable) return reply(UNAVAILABLE);
        logger.error({ err: error, command: event.slice(0, 40), sessionId: runtime.id }, 'command failed');
        reply(refuse(ErrorCode.internal, 'Something went wrong on the server; nothing was changed. Try again.'));
      }
    };
  };
}

type Lend = Partial<Omit<CommandContext, 'now'>>;

/**
 * The store cannot write (a failed disk, Redis unreachable). Whether a write in flight went through
 * is not known, so the client resends it as it was (same note id, same command id) and is answered
 * as for the first time, or with the first answer.
 */
const UNAVAILABLE: Refusal = {
  ...refuse(ErrorCode.unavailable, 'The server cannot save anything right now; what you sent is kept and will be sent again.'),
  retryAfterMs: 2000,
};

/**
 * Spends one unit of a budget; a refusal, with when to try again, once it is spent. A budget in
 * this process's memory answers at once, and so does this: no turn of the event loop per budget.
 */
function spend(budget: Budget, key: string, what: string): Refusal | null | Promise<Refusal | null> {
  const taken = budget.take(key);
  return taken instanceof Promise ? taken.then((t) => refusalFor(t, what)) : refusalFor(taken, what);
}

function refusalFor(taken: Taken, what: string): Refusal | null {
  if (taken.ok) return null;
  return { ...refuse(ErrorCode.rateLimited, `${what}; try again in ${waitFor(taken.retryAfterMs)}.`), retryAfterMs: taken.retryAfterMs };
}

/**
 * Whose budget a command spends: a participant's holds across all their sockets (and processes),
 * a facilitator's or rapporteur's across their credential's; a display's is its connection's.
 */
function budgetKey(socket: AppSocket): string {
  const { sessionId, role, participantId, rapporteurId, cofacilitatorId, deviceId } = socket.data;
  switch (role) {
    case 'participant':
      return `${sessionId}:p:${participantId}`;
    case 'facilitator':
      return `${sessionId}:f`;
    case 'cofacilitator':
      return `${sessionId}:c:${cofacilitatorId}`;
    case 'rapporteur':
      return `${sessionId}:r:${rapporteurId}`;
    case 'display':
      return `${sessionId}:d:${socket.id}`;
    case 'device':
      return `${sessionId}:t:${deviceId}`;
  }
}
