import type { Phase } from '../domain/enums.ts';
import { commands, isSocketCommand, type CommandName, type SocketCommandName } from './index.ts';
import type { CommandSpec } from './spec.ts';

/**
 * The permission matrix: every command a socket can send, against everyone who could send it, in
 * a given phase. Derived from the command table alone; docs/permissions.md is written from it
 * (`npm run permissions`) and tests/integration/permissions.test.ts holds the server to it.
 *
 * The people are those of one scene: a café in its first round, with a table (t1) whose host
 * wrote a note there; someone who hosted t1 earlier in the round and now sits at t2; someone
 * seated at t2 all along; and everyone whose credential no longer holds.
 */
export const Who = {
  facilitator: 'facilitator',
  cofacilitator: 'co-facilitator',
  revokedCofacilitator: 'revoked co-facilitator',
  rapporteur: 'rapporteur',
  revokedRapporteur: 'revoked rapporteur',
  host: 'table host',
  formerHost: 'former host',
  elsewhere: 'participant at another table',
  otherSession: 'participant of another session',
  removed: 'removed',
  left: 'left',
  waiting: 'lobby-waiting',
  display: 'display',
  device: 'table device',
  anonymous: 'anonymous',
} as const;
export type Who = (typeof Who)[keyof typeof Who];

/** Why a cell is refused: the first thing that stops the command. */
export const Because = {
  /** No credential, or one that was withdrawn: the handshake refuses the connection. */
  credential: 'credential',
  /** The connection belongs to another session: nothing it sends reaches this one. */
  session: 'session',
  role: 'role',
  /** Waiting in the lobby: only leaving and staying connected until admitted. */
  lobby: 'lobby',
  /** Not theirs: another table, another host's summary, another person's note. */
  scope: 'scope',
  phase: 'phase',
} as const;
export type Because = (typeof Because)[keyof typeof Because];

export type Cell = { allowed: true } | { allowed: false; because: Because };

const refused = (because: Because): Cell => ({ allowed: false, because });
const allowed: Cell = { allowed: true };

/** Whether `who` may send `spec` in `phase`, and if not, why. */
export function cellOf(spec: CommandSpec, who: Who, phase: Phase): Cell {
  const byRole = (role: CommandSpec['roles'][number]): Cell =>
    !spec.roles.includes(role) ? refused('role') : spec.phases.includes(phase) ? allowed : refused('phase');
  switch (who) {
    case Who.anonymous:
    case Who.removed:
    case Who.left:
    case Who.revokedCofacilitator:
    case Who.revokedRapporteur:
      return refused('credential');
    case Who.otherSession:
      return refused('session');
    case Who.facilitator:
      return byRole('facilitator');
    case Who.cofacilitator:
      return byRole('cofacilitator');
    case Who.rapporteur:
      return byRole('rapporteur');
    case Who.display:
      return byRole('display');
    case Who.device:
      return byRole('device');
    case Who.waiting:
      // Waiting stops everything but leaving and staying connected, in any phase.
      return !spec.roles.includes('participant') ? refused('role') : !spec.fromLobby ? refused('lobby') : byRole('participant');
    case Who.host:
    case Who.formerHost:
    case Who.elsewhere: {
      const cell = byRole('participant');
      if (!cell.allowed) return cell;
      switch (spec.scope) {
        case undefined:
          return cell;
        case 'host':
        case 'author':
          // The scene's target is t1's summary and the note its host wrote.
          return who === Who.host ? cell : refused('scope');
        case 'seated':
          // Notes at t1 for this round: its host, and the former host who sat there earlier in it.
          return who === Who.elsewhere ? refused('scope') : cell;
      }
    }
  }
}

export const SOCKET_COMMANDS = (Object.keys(commands) as CommandName[]).filter(isSocketCommand).sort();
export const EVERYONE = Object.values(Who);

/** The whole matrix for one phase, by command then person. */
export function permissionMatrix(phase: Phase): { command: SocketCommandName; cells: Record<Who, Cell> }[] {
  return SOCKET_COMMANDS.map((command) => {
    const spec = commands[command] as CommandSpec;
    const cells = Object.fromEntries(EVERYONE.map((who) => [who, cellOf(spec, who, phase)])) as Record<Who, Cell>;
    return { command, cells };
  });
}

const MARK: Record<Because, string> = { credential: 'C', session: 'S', role: '—', lobby: 'L', scope: 'O', phase: 'P' };

/** docs/permissions.md, written from the table. */
export function permissionsMarkdown(): string {
  const phase: Phase = 'round';
  const lines = [
    '# Who may send what',
    '',
    'Written by `npm run permissions` from the command table (`shared/commands/`); `tests/integration/permissions.test.ts` sends every refused cell to a real server and checks it is refused with nothing appended to the log, and checks every allowed cell against the pure core. Do not edit by hand.',
    '',
    `The scene: a café in its first round (phase \`${phase}\`). Table t1 has a host, who wrote a note there; a former host hosted t1 earlier in the round and now sits at t2; another participant sits at t2 all along; one person waits in the lobby of a session that admits by hand.`,
    '',
    "✓ allowed (the command's own rule may still refuse it, e.g. a full table) · — not their role · P not in this phase · O not theirs (another table, another host's summary, another person's note) · L waiting in the lobby · C no valid credential: the connection is refused at the handshake · S the connection belongs to another session, so nothing it sends reaches this one",
    '',
    `| command | ${EVERYONE.join(' | ')} | phases |`,
    `| --- | ${EVERYONE.map(() => ':-:').join(' | ')} | --- |`,
  ];
  for (const row of permissionMatrix(phase)) {
    const spec = commands[row.command] as CommandSpec;
    const marks = EVERYONE.map((who) => {
      const cell = row.cells[who];
      return cell.allowed ? '✓' : MARK[cell.because];
    });
    lines.push(`| \`${row.command}\` | ${marks.join(' | ')} | ${spec.phases.join(', ')} |`);
  }
  lines.push(
    '',
    'Over HTTP, before any socket: `POST /api/sessions` (anyone; limited per address) and `POST /api/join/<code>` (`participant:join`: anyone with the code, unless the session is locked; limited per address, and wrong codes throttled per address).',
    '',
  );
  return lines.join('\n');
}
