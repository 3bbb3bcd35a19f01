import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FacilitatorSnapshot, ParticipantSnapshot, SeatingPreviewView } from '../../shared/protocol/views.ts';
import { createSession, joinSession, TestClient, type CreatedSession } from '../support/clients.ts';
import { startServer, type TestServer } from '../support/server.ts';

const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia'];

interface Person {
  id: string;
  client: TestClient;
}

/** Where the preview's round puts each person. */
function seatsOf(preview: SeatingPreviewView, round = 0): Map<string, string | null> {
  const seats = new Map<string, string | null>();
  for (const t of preview.rounds[round]!.tables) for (const id of t.memberIds) seats.set(id, t.tableId);
  for (const id of preview.rounds[round]!.waiting) seats.set(id, null);
  return seats;
}

/** The table a person's phone says they sit at for `round`. */
async function tableFor(p: Person, round: number): Promise<string | null> {
  const seat = await p.client.waitFor('seat:changed', (s) => s.round === round);
  return seat.table?.id ?? null;
}

describe('previewing, accepting and following a seating plan over real sockets', () => {
  let server: TestServer;
  let session: CreatedSession;
  let facilitator: TestClient;
  let people: Person[];

  beforeEach(async () => {
    server = await startServer();
    session = await createSession(server.url, {
      tables: [1, 2, 3, 4].map((n) => ({ question: `Question ${n}` })),
      rounds: 3,
    });
    facilitator = await TestClient.connect(server.url, session.facilitatorToken);
    people = [];
    for (let i = 0; i < 16; i++) {
      const { participantToken } = await joinSession(server.url, session.code, { name: `Person ${i + 1}`, group: GROUPS[i % GROUPS.length] });
      const client = await TestClient.connect(server.url, participantToken);
      people.push({ id: (client.snapshot as ParticipantSnapshot).me.id, client });
    }
  });

  afterEach(async () => {
    for (const c of [facilitator, ...people.map((p) => p.client)]) c?.close();
    await server.stop();
  });

  async function preview(payload: { attempt?: number; detail?: 'next' | 'all' } = {}): Promise<SeatingPreviewView> {
    const result = await facilitator.send('seating:preview', payload);
    if (!result.ok) throw new Error(result.message);
    const { ok: _ok, ...view } = result;
    return view as SeatingPreviewView;
  }

  it('lands everyone exactly where the accepted preview said, and adjusts it minimally for a late joiner and a pin', async () => {
    // Only the facilitator may look at the plan: it names people.
    expect(await people[0]!.client.send('seating:preview', {})).toMatchObject({ ok: false, error: 'forbidden' });

    // In the lobby: the next seating is round 1; every remaining round is there on request.
    const lobby = await preview();
    expect(lobby).toMatchObject({ attempt: 0, accepted: false, roundNumbers: [1, 2, 3] });
    expect(lobby.rounds.map((r) => r.round)).toEqual([1]);
    expect(lobby.rounds[0]!.tables.flatMap((t) => t.memberIds).sort()).toEqual(people.map((p) => p.id).sort());
    expect(lobby.figures.extraMeetings).toBeGreaterThanOrEqual(lobby.figures.lowerBound);
    expect(lobby.figures.distinctRepeatedPairs).toBeGreaterThanOrEqual(lobby.figures.distinctLowerBound!);
    const all = await preview({ detail: 'all' });
    expect(all.rounds.map((r) => r.round)).toEqual([1, 2, 3]);

    // Reshuffle, then accept the reshuffle: the dashboard hears of the plan and its figures.
    const reshuffled = await preview({ attempt: 1, detail: 'all' });
    expect(reshuffled.attempt).toBe(1);
    expect(seatsOf(reshuffled)).not.toEqual(seatsOf(all));
    const planned = facilitator.next('seating:changed', (s) => s.plan !== null);
    expect(await facilitator.send('seating:accept', { attempt: 1, version: reshuffled.version })).toEqual({ ok: true, version: reshuffled.version + 1 });
    expect(await planned).toMatchObject({
      version: reshuffled.version + 1,
      plan: { attempt: 1, rounds: [1, 2, 3], figures: { extraMeetings: reshuffled.figures.extraMeetings } },
    });

    // "Seat everyone" follows round 1 of it exactly.
    expect(await facilitator.send('seating:assign', {})).toMatchObject({ ok: true, seated: 16 });
    for (const p of people) expect(await tableFor(p, 0)).toBe(seatsOf(reshuffled, 0).get(p.id));
    expect(await facilitator.send('round:start', { round: 1 })).toEqual({ ok: true });

    // During round 1 the console looks again and sees the accepted plan, round 2 next; the round end applies it exactly.
    const during = await preview();
    expect(during).toMatchObject({ accepted: true, attempt: 1, roundNumbers: [2, 3] });
    expect(seatsOf(during)).toEqual(seatsOf(reshuffled, 1));
    expect(await facilitator.send('round:end', { round: 1 })).toEqual({ ok: true });
    for (const p of people) expect(await tableFor(p, 2)).toBe(seatsOf(reshuffled, 1).get(p.id));

    // Round 2: the console shows round 3 of the plan. Then a latecomer arrives and the facilitator pins someone elsewhere.
    expect(await facilitator.send('round:start', { round: 2 })).toEqual({ ok: true });
    const next = await preview();
    expect(next).toMatchObject({ accepted: true, roundNumbers: [3] });
    const planned3 = seatsOf(reshuffled, 2);
    const late = await joinSession(server.url, session.code, { name: 'Late Lee', group: 'Academia' });
    const lateClient = await TestClient.connect(server.url, late.participantToken);
    people.push({ id: (lateClient.snapshot as ParticipantSnapshot).me.id, client: lateClient });
    // The café changed since that preview: accepting it now is refused (the console then looks again).
    expect(await facilitator.send('seating:accept', { attempt: next.attempt, version: next.version })).toMatchObject({ ok: false, error: 'conflict' });
    const adjusted = await preview();
    expect(adjusted).toMatchObject({ accepted: false, attempt: 1 });
    expect(adjusted.version).toBeGreaterThan(next.version);

    const pinned = people[5]!;
    const view = (await facilitator.sync()) as FacilitatorSnapshot;
    const now = view.participants.find((r) => r.id === pinned.id)!.tableId;
    const target = view.tables.find((t) => t.id !== planned3.get(pinned.id) && t.id !== now)!.id;
    expect(await facilitator.send('participant:move', { participantId: pinned.id, tableId: target, pin: true })).toEqual({ ok: true });

    expect(await facilitator.send('round:end', { round: 2 })).toEqual({ ok: true });
    expect(await tableFor(pinned, 3)).toBe(target);
    expect(await tableFor(people.at(-1)!, 3)).not.toBeNull();
    let moved = 0;
    for (const p of people.slice(0, 16)) if (p !== pinned && (await tableFor(p, 3)) !== planned3.get(p.id)) moved++;
    // Everyone else sits where the accepted plan said, but for a swap or two to make room.
    expect(moved).toBeLessThanOrEqual(2);
  });

  it('sends a preview only to the console that asked, and nothing at all to the phones', async () => {
    await preview({ detail: 'all' });
    await Promise.all(people.map((p) => p.client.caughtUp()));
    for (const p of people) expect(p.client.frames.some((f) => f.includes('memberIds'))).toBe(false);
    expect(people[0]!.client.received('seating:changed')).toEqual([]);
  });
});
