import type { FacilitatorSpec, ParticipantSpec } from './api.ts';
import { postJson } from './http.ts';
import type { Target } from './target.ts';

export const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia', 'Other'];
/** A café session holds at most this many people: 250 tables of 8. Bigger runs are several cafés at once. */
export const SESSION_SIZE = 2000;

export interface Plan {
  sessions: { code: string; facilitatorToken: string; participants: number; tables: number; serverIndex: number }[];
  participants: ParticipantSpec[];
  facilitators: FacilitatorSpec[];
}

/** How participants reach server processes: round-robin (cross-process delivery) or one café per process. */
export type Spread = 'round-robin' | 'session';

/**
 * Creates the sessions and decides who joins which, through which process and from which
 * source address. Participants are numbered in join order; addresses cycle over 250
 * loopback addresses so per-address limits see something like a venue's many phones.
 */
export async function planCafe(target: Target, participants: number, tableSize: number, spread: Spread): Promise<Plan> {
  const processes = target.servers.length;
  const sessionCount = Math.max(spread === 'session' ? processes : 1, Math.ceil(participants / SESSION_SIZE));
  const plan: Plan = { sessions: [], participants: [], facilitators: [] };
  for (let s = 0; s < sessionCount; s++) {
    const size = Math.floor(participants / sessionCount) + (s < participants % sessionCount ? 1 : 0);
    const tables = Math.max(1, Math.ceil(size / tableSize));
    const serverIndex = s % processes;
    const res = await postJson(`${target.servers[serverIndex]!.url}/api/sessions`, {
      title: `Load test café ${s + 1}`,
      tables: Array.from({ length: tables }, (_, t) => ({ question: `Question ${t + 1}: what would you change first?`, capacity: tableSize })),
      rounds: 3,
      // Long rounds and no auto-advance: the benchmark moves the café on itself.
      roundSeconds: 3600,
      movingSeconds: 600,
      autoAdvance: false,
      stakeholderGroups: GROUPS,
    });
    if (res.status !== 201) throw new Error(`could not create a session: ${JSON.stringify(res.body)}`);
    plan.sessions.push({ code: res.body.code, facilitatorToken: res.body.facilitatorToken, participants: size, tables, serverIndex });
    plan.facilitators.push({ session: s, url: target.servers[serverIndex]!.url, token: res.body.facilitatorToken });
  }
  let idx = 0;
  plan.sessions.forEach((session, s) => {
    for (let i = 0; i < session.participants; i++, idx++) {
      const serverIndex = spread === 'session' ? session.serverIndex : idx % processes;
      plan.participants.push({
        idx,
        session: s,
        url: target.servers[serverIndex]!.url,
        code: session.code,
        address: `127.0.0.${2 + (idx % 250)}`,
      });
    }
  });
  return plan;
}

/** Contiguous blocks per generator; facilitators live in generator 0. */
export function split<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[Math.floor((i * parts) / items.length)]!.push(item));
  return out;
}
