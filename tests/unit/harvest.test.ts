import { describe, expect, it } from 'vitest';
import { replay } from '../../shared/domain/apply.ts';
import type { Actor } from '../../shared/commands/spec.ts';
import { currentFindings } from '../../shared/commands/harvest.ts';
import { suggestInput } from '../../server/views/harvest.ts';
import { Cafe, guest, participant, setup, type Command } from '../support/domain.ts';

const rapporteur = (rapporteurId = 'r-1'): Actor => ({ role: 'rapporteur', rapporteurId });

/**
 * A café of two questions (the first shared by two tables) with known people and organisations,
 * one round of notes, and a rapporteur invited.
 */
function harvestCafe() {
  const cafe = new Cafe(
    setup({
      tables: [
        { question: 'Who should govern digital identity?' },
        { question: 'Who should govern  digital identity?' },
        { question: 'How do we fund open infrastructure?' },
      ],
      rounds: 2,
      askOrganisation: true,
    }),
  );
  const join = (name: string, organisation?: string, group = 'Government') => {
    const participantId = `p-${name.toLowerCase().replace(/\W+/g, '-')}`;
    cafe.do({ type: 'participant:join', participantId, tokenHash: `h-${participantId}`, name, group, presence: 'room', organisation }, guest);
    return participantId;
  };
  const people = [
    join('Amaka Okafor', 'Safaricom PLC'),
    join('Jürgen Weiß'),
    join('Hana Kobayashi'),
    join('Tomás Aranda'),
    join('Kwame Mensah'),
    join('Zanele Mokoena'),
  ];
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  let n = 0;
  const note = (pid: string, text: string) => {
    const id = `note-${String(++n).padStart(4, '0')}`;
    cafe.do({ type: 'note:add', id, tableId: cafe.tableOf(pid)!, round: 1, text }, participant(pid));
    return id;
  };
  cafe.do({ type: 'rapporteur:invite', rapporteurId: 'r-1', tokenHash: 'rh-1' });
  const questionOf = (pid: string) => (cafe.tableOf(pid) === 't3' ? 'q2' : 'q1');
  return { cafe, people, note, questionOf };
}

describe('rapporteur links', () => {
  it('are issued and withdrawn by the facilitator only, storing only the token hash', () => {
    const { cafe, people } = harvestCafe();
    expect(cafe.state.rapporteurs.get('r-1')).toEqual({ id: 'r-1', label: 'Rapporteur 1', tokenHash: 'rh-1', revoked: false });
    expect(cafe.try({ type: 'rapporteur:invite', rapporteurId: 'r-2', tokenHash: 'x' }, participant(people[0]!))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.try({ type: 'rapporteur:invite', rapporteurId: 'r-2', tokenHash: 'x' }, rapporteur())).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cafe.try({ type: 'rapporteur:invite', rapporteurId: 'r-1', tokenHash: 'x' })).toMatchObject({ ok: false, error: 'conflict' });
    // The link carries the token in its fragment; the log keeps only the token's hash.
    const invited = cafe.do({ type: 'rapporteur:invite', rapporteurId: 'r-2', tokenHash: 'rh-2', label: 'Policy team' }).reply;
    expect(invited).toEqual({
      rapporteurId: 'r-2',
      label: 'Policy team',
      token: 'rapporteur-token-for-rh-2',
      url: `https://cafe.example/rapporteur/s1#rapporteur-token-for-rh-2`,
    });

    cafe.do({ type: 'rapporteur:revoke', rapporteurId: 'r-1' });
    expect(cafe.do({ type: 'rapporteur:revoke', rapporteurId: 'r-1' }).events).toEqual([]);
    expect(cafe.try({ type: 'rapporteur:revoke', rapporteurId: 'r-9' })).toMatchObject({ ok: false, error: 'not_found' });
    // A withdrawn link stops working at once; the other rapporteur carries on.
    expect(cafe.try({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur('r-1'))).toMatchObject({
      ok: false,
      error: 'unauthorised',
    });
    expect(cafe.try({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur('r-2'))).toMatchObject({ ok: true });
    expect(cafe.try({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur('r-unknown'))).toMatchObject({
      ok: false,
      error: 'unauthorised',
    });
  });
});

describe('themes', () => {
  it('are created per question by a rapporteur or the facilitator, idempotently, never by participants', () => {
    const { cafe, people } = harvestCafe();
    // Two tables asked the same question (up to spacing and case): one question key.
    expect(cafe.state.tables.map((t) => t.question)).toHaveLength(3);
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur());
    expect(cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur()).events).toEqual([]);
    expect(cafe.try({ type: 'theme:create', id: 'theme-0001', question: 'q2', name: 'Money' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'theme:create', id: 'theme-0002', question: 'q3', name: 'Nope' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'theme:create', id: 'theme-0002', question: 'q2', name: 'Money' }, participant(people[0]!))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    cafe.do({ type: 'theme:create', id: 'theme-0002', question: 'q2', name: 'Money' });
    expect([...cafe.state.harvest.themes.keys()]).toEqual(['theme-0001', 'theme-0002']);
  });

  it('are renamed and marked as key findings; unknown themes are refused', () => {
    const { cafe } = harvestCafe();
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Trust' }, rapporteur());
    cafe.do({ type: 'theme:rename', id: 'theme-0001', name: 'Trust in institutions' }, rapporteur());
    expect(cafe.do({ type: 'theme:rename', id: 'theme-0001', name: 'Trust in institutions' }, rapporteur()).events).toEqual([]);
    cafe.do({ type: 'theme:mark', id: 'theme-0001', key: true }, rapporteur());
    expect(cafe.state.harvest.themes.get('theme-0001')).toMatchObject({ name: 'Trust in institutions', keyFinding: true });
    expect(cafe.try({ type: 'theme:rename', id: 'theme-9999', name: 'x' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'theme:mark', id: 'theme-9999', key: true }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('merge duplicates within one question; merged themes hand on their notes and cannot be merged again', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    const q = questionOf(people[0]!);
    const other = q === 'q1' ? 'q2' : 'q1';
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'Open standards' }, rapporteur());
    cafe.do({ type: 'theme:create', id: 'theme-0002', question: q, name: 'Standards' }, rapporteur());
    cafe.do({ type: 'theme:create', id: 'theme-0003', question: other, name: 'Elsewhere' }, rapporteur());
    const n1 = note(people[0]!, 'Use open standards');
    cafe.do({ type: 'note:sort', noteId: n1, themeId: 'theme-0002' }, rapporteur());

    expect(cafe.try({ type: 'theme:merge', id: 'theme-0002', into: 'theme-0003' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'theme:merge', id: 'theme-0002', into: 'theme-0002' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'theme:merge', id: 'theme-0002', into: 'theme-9999' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    cafe.do({ type: 'theme:merge', id: 'theme-0002', into: 'theme-0001' }, rapporteur());
    expect(cafe.do({ type: 'theme:merge', id: 'theme-0002', into: 'theme-0001' }, rapporteur()).events).toEqual([]);
    expect(cafe.state.harvest.themes.get('theme-0002')!.mergedInto).toBe('theme-0001');
    expect(cafe.try({ type: 'theme:merge', id: 'theme-0001', into: 'theme-0002' }, rapporteur())).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringContaining('merged into'),
    });
    expect(cafe.state.harvest.themes.get('theme-0002')!.noteIds).toEqual([n1]);
    const n2 = note(people[0]!, 'Another');
    expect(cafe.try({ type: 'note:sort', noteId: n2, themeId: 'theme-0002' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
    // The theme that took the merge can be renamed but not deleted.
    expect(cafe.try({ type: 'theme:delete', id: 'theme-0001' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('deleted themes let their notes go back to unsorted and their dots back to the voters', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    const q = questionOf(people[0]!);
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'Temporary' }, rapporteur());
    const n1 = note(people[0]!, 'Something');
    cafe.do({ type: 'note:sort', noteId: n1, themeId: 'theme-0001' }, rapporteur());
    cafe.do({ type: 'harvest:open' });
    cafe.do({ type: 'vote:cast', themeId: 'theme-0001', dots: 2 }, participant(people[1]!));
    cafe.do({ type: 'theme:delete', id: 'theme-0001' }, rapporteur());
    expect(cafe.state.harvest.themes.get('theme-0001')).toBeUndefined();
    expect(cafe.state.harvest.votes.get(people[1]!)).toEqual(new Map());
    expect(cafe.do({ type: 'theme:delete', id: 'theme-0001' }, rapporteur()).events).toEqual([]);
  });
});

describe('sorting notes', () => {
  it('puts a note in one theme of its own question at a time, or sets it aside with a reason', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    const author = people[0]!;
    const q = questionOf(author);
    const other = q === 'q1' ? 'q2' : 'q1';
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'A' }, rapporteur());
    cafe.do({ type: 'theme:create', id: 'theme-0002', question: q, name: 'B' }, rapporteur());
    cafe.do({ type: 'theme:create', id: 'theme-0003', question: other, name: 'C' }, rapporteur());
    const n1 = note(author, 'A thought');

    cafe.do({ type: 'note:sort', noteId: n1, themeId: 'theme-0001' }, rapporteur());
    cafe.do({ type: 'note:sort', noteId: n1, themeId: 'theme-0002' }, rapporteur());
    expect(cafe.state.harvest.themes.get('theme-0001')!.noteIds).toEqual([]);
    expect(cafe.state.harvest.themes.get('theme-0002')!.noteIds).toEqual([n1]);
    expect(cafe.try({ type: 'note:sort', noteId: n1, themeId: 'theme-0003' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.try({ type: 'note:sort', noteId: 'note-9999', themeId: 'theme-0001' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'note:sort', noteId: n1, themeId: 'theme-0001' }, participant(author))).toMatchObject({ ok: false, error: 'forbidden' });

    cafe.do({ type: 'note:setAside', noteId: n1, reason: 'duplicate', detail: 'same as the one on funding' }, rapporteur());
    expect(cafe.state.harvest.themes.get('theme-0002')!.noteIds).toEqual([]);
    expect(cafe.state.harvest.setAside.get(n1)).toEqual({ reason: 'duplicate', detail: 'same as the one on funding' });
    expect(cafe.do({ type: 'note:setAside', noteId: n1, reason: 'duplicate', detail: 'same as the one on funding' }, rapporteur()).events).toEqual([]);
    cafe.do({ type: 'note:sort', noteId: n1, themeId: null }, rapporteur());
    expect(cafe.state.harvest.setAside.get(n1)).toBeUndefined();
    expect(cafe.do({ type: 'note:sort', noteId: n1, themeId: null }, rapporteur()).events).toEqual([]);
  });

  it('never quotes a note the facilitator hid, nor a deleted one', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    const q = questionOf(people[2]!);
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'A' }, rapporteur());
    const hidden = note(people[2]!, 'Abuse');
    cafe.do({ type: 'note:hide', id: hidden, hidden: true });
    expect(cafe.try({ type: 'note:sort', noteId: hidden, themeId: 'theme-0001' }, rapporteur())).toMatchObject({ ok: false, error: 'forbidden' });
    cafe.do({ type: 'note:setAside', noteId: hidden, reason: 'abusive' }, rapporteur());
    const gone = note(people[2]!, 'Oops');
    cafe.do({ type: 'note:delete', id: gone }, participant(people[2]!));
    expect(cafe.try({ type: 'note:sort', noteId: gone, themeId: 'theme-0001' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('knows nothing of a note held for review until a facilitator releases it', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    const troll = people[3]!;
    const q = questionOf(troll);
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'Funding' }, rapporteur());
    const first = note(troll, 'You are all idiots');
    cafe.do({ type: 'author:mute', id: first });
    const held = note(troll, 'Public money should pay for open digital infrastructure');
    expect(cafe.state.notes.get(held)).toMatchObject({ held: true });
    // To the harvest it does not exist: the same answer as for an id never written, one note or many.
    const commands: Command[] = [
      { type: 'note:sort', noteId: held, themeId: 'theme-0001' },
      { type: 'notes:sort', noteIds: [held], themeId: 'theme-0001' },
      { type: 'notes:setAside', noteIds: [held], reason: 'duplicate' },
      { type: 'quote:choose', noteId: held, chosen: true },
      { type: 'theme:create', id: 'theme-0002', question: q, name: 'Money', noteIds: [held] },
    ];
    for (const command of commands) {
      expect(cafe.try(command, rapporteur()), command.type).toMatchObject({ ok: false, error: 'not_found' });
    }
    // Nor do the suggestions read it.
    expect(suggestInput(cafe.state, q)!.notes.map((n) => n.id)).not.toContain(held);
    cafe.do({ type: 'note:release', ids: [held] });
    expect(suggestInput(cafe.state, q)!.notes.map((n) => n.id)).toContain(held);
    expect(cafe.do({ type: 'notes:sort', noteIds: [held], themeId: 'theme-0001' }, rapporteur()).reply).toEqual({ sorted: 1 });
  });
});

describe('the readout’s wording', () => {
  it('rephrases a note for the readout without touching what the participant wrote', () => {
    const { cafe, people, note } = harvestCafe();
    const n1 = note(people[0]!, 'As Jürgen said, money first');
    cafe.do({ type: 'quote:edit', noteId: n1, text: 'Money first' }, rapporteur());
    expect(cafe.state.harvest.quotes.get(`note:${n1}`)).toBe('Money first');
    expect(cafe.state.notes.get(n1)!.text).toBe('As Jürgen said, money first');
    // Writing the original back drops the copy.
    cafe.do({ type: 'quote:edit', noteId: n1, text: 'As Jürgen said, money first' }, rapporteur());
    expect(cafe.state.harvest.quotes.get(`note:${n1}`)).toBeUndefined();
    expect(cafe.do({ type: 'quote:edit', noteId: n1, text: 'As Jürgen said, money first' }, rapporteur()).events).toEqual([]);
    expect(cafe.try({ type: 'quote:edit', noteId: 'note-9999', text: 'x' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('rephrases a host summary, and writes a synthesis per question', () => {
    const { cafe, people } = harvestCafe();
    const host = people[0]!;
    const table = cafe.tableOf(host)!;
    cafe.do({ type: 'host:assign', tableId: table, participantId: host });
    cafe.do({ type: 'summary:write', tableId: table, round: 1, text: 'Hana Kobayashi convinced us' }, participant(host));
    cafe.do({ type: 'quote:edit', tableId: table, round: 1, text: 'We were convinced' }, rapporteur());
    expect(cafe.state.harvest.quotes.get(`summary:${table}:1`)).toBe('We were convinced');
    expect(cafe.state.summaries.get(table)!.get(1)).toBe('Hana Kobayashi convinced us');
    expect(cafe.try({ type: 'quote:edit', tableId: table, round: 2, text: 'x' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });

    cafe.do({ type: 'synthesis:write', question: 'q2', text: 'Funding must be public.' }, rapporteur());
    expect(Object.fromEntries(cafe.state.harvest.syntheses)).toEqual({ q2: 'Funding must be public.' });
    expect(cafe.do({ type: 'synthesis:write', question: 'q2', text: 'Funding must be public.' }, rapporteur()).events).toEqual([]);
    expect(cafe.try({ type: 'synthesis:write', question: 'q7', text: 'x' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
  });
});

describe('dot voting', () => {
  it('lets participants spread their dots over themes in the harvest, within the budget', () => {
    const { cafe, people } = harvestCafe();
    const [voter, other] = people as [string, string];
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'A' }, rapporteur());
    cafe.do({ type: 'theme:create', id: 'theme-0002', question: 'q2', name: 'B' }, rapporteur());
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-0001', dots: 1 }, participant(voter))).toMatchObject({ ok: false, error: 'wrong_phase' });
    cafe.do({ type: 'harvest:open' });
    expect(cafe.do({ type: 'vote:cast', themeId: 'theme-0001', dots: 2 }, participant(voter)).reply).toEqual({ dotsLeft: 1 });
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-0002', dots: 2 }, participant(voter))).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringContaining('1 left'),
    });
    // Moving dots: fewer here, more there.
    cafe.do({ type: 'vote:cast', themeId: 'theme-0001', dots: 0 }, participant(voter));
    cafe.do({ type: 'vote:cast', themeId: 'theme-0002', dots: 3 }, participant(voter));
    expect(Object.fromEntries(cafe.state.harvest.votes.get(voter)!)).toEqual({ 'theme-0002': 3 });
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-0002', dots: 1 }, rapporteur())).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-0002', dots: 1 })).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-9999', dots: 1 }, participant(other))).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('has a budget the facilitator sets, never below dots already placed', () => {
    const { cafe, people } = harvestCafe();
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'A' }, rapporteur());
    cafe.do({ type: 'harvest:open' });
    expect(cafe.try({ type: 'vote:configure', votesPerParticipant: 5 }, rapporteur())).toMatchObject({ ok: false, error: 'forbidden' });
    cafe.do({ type: 'vote:configure', votesPerParticipant: 5 });
    cafe.do({ type: 'vote:cast', themeId: 'theme-0001', dots: 4 }, participant(people[0]!));
    expect(cafe.try({ type: 'vote:configure', votesPerParticipant: 3 })).toMatchObject({ ok: false, error: 'conflict' });
    expect(cafe.do({ type: 'vote:configure', votesPerParticipant: 5 }).events).toEqual([]);
  });
});

describe('the attribution check and publishing', () => {
  function sortedCafe() {
    const h = harvestCafe();
    const { cafe, people, note, questionOf } = h;
    const q = questionOf(people[1]!);
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: q, name: 'Shared infrastructure' }, rapporteur());
    const named = note(people[1]!, 'As Amaka Okafor said, Safaricom should open its APIs.');
    const clean = note(people[1]!, 'Open APIs for everyone.');
    for (const n of [named, clean]) cafe.do({ type: 'note:sort', noteId: n, themeId: 'theme-0001' }, rapporteur());
    // Quoted, its words are published, so the check reads them.
    cafe.do({ type: 'quote:choose', noteId: named, chosen: true }, rapporteur());
    cafe.do({ type: 'harvest:open' });
    return { ...h, named, clean };
  }

  it('finds roster names, organisations and attributing phrases in what would be published', () => {
    const { cafe, named } = sortedCafe();
    const findings = currentFindings(cafe.state);
    expect(findings.map((f) => [f.source, f.kind, f.match])).toEqual([
      [`note:${named}`, 'attribution', 'As Amaka Okafor said'],
      [`note:${named}`, 'person', 'Amaka Okafor'],
      [`note:${named}`, 'organisation', 'Safaricom'],
    ]);
    // Keys do not change from one run to the next.
    expect(currentFindings(cafe.state).map((f) => f.key)).toEqual(findings.map((f) => f.key));
  });

  it('refuses to publish while findings are unresolved, then publishes once each is redacted or kept with a reason', () => {
    const { cafe, named } = sortedCafe();
    expect(cafe.try({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur())).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringContaining('3 attribution findings'),
    });

    const [attribution, name, org] = currentFindings(cafe.state);
    expect(cafe.try({ type: 'finding:keep', key: 'f-nope', reason: 'public-role' }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    expect(cafe.try({ type: 'finding:keep', key: org!.key, reason: 'not-a-participant' }, participant('p-amaka-okafor'))).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    cafe.do({ type: 'finding:keep', key: org!.key, reason: 'not-a-participant' }, rapporteur());
    cafe.do({ type: 'finding:redact', key: attribution!.key }, rapporteur());
    // The redaction rewrote the readout's copy; the participant's note is as they wrote it.
    expect(cafe.state.harvest.quotes.get(`note:${named}`)).toBe('As was said, Safaricom should open its APIs.');
    expect(cafe.state.notes.get(named)!.text).toBe('As Amaka Okafor said, Safaricom should open its APIs.');
    // The name went with the phrase; the kept organisation stays resolved.
    expect(cafe.try({ type: 'finding:redact', key: name!.key }, rapporteur())).toMatchObject({ ok: false, error: 'not_found' });
    expect(currentFindings(cafe.state).map((f) => [f.kind, f.kept?.reason ?? null])).toEqual([['organisation', 'not-a-participant']]);

    expect(cafe.try({ type: 'readout:publish', readoutId: 'rd-1' }, participant('p-amaka-okafor'))).toMatchObject({ ok: false, error: 'forbidden' });
    const published = cafe.do({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur());
    expect(published.reply).toEqual({ readoutId: 'rd-1', version: 1, url: '/r/rd-1' });
    const readout = cafe.state.harvest.readouts[0]!.readout;
    const text = JSON.stringify(readout);
    for (const secret of ['Amaka', 'Okafor', 'p-amaka', named, 'note-']) expect(text).not.toContain(secret);
    // Both notes count toward their theme; only the one the rapporteur chose is quoted, in its redacted copy.
    expect(readout.questions.flatMap((q) => q.themes.map((t) => [t.notes, t.quotes.map((x) => x.text)]))).toEqual([
      [2, ['As was said, Safaricom should open its APIs.']],
    ]);
    expect(readout.method.kept).toEqual([{ reason: 'not-a-participant', count: 1 }]);
    expect(cafe.try({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur())).toMatchObject({ ok: false, error: 'conflict' });
  });

  it('publishes only in the harvest', () => {
    const { cafe } = harvestCafe();
    expect(cafe.try({ type: 'readout:publish', readoutId: 'rd-1' })).toMatchObject({ ok: false, error: 'wrong_phase' });
  });

  it('redacts a theme name in place, and a synthesis', () => {
    const { cafe } = harvestCafe();
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: 'q1', name: 'Kwame’s idea' }, rapporteur());
    cafe.do({ type: 'synthesis:write', question: 'q1', text: 'Write to kwame@example.org.' }, rapporteur());
    for (const f of currentFindings(cafe.state)) cafe.do({ type: 'finding:redact', key: f.key }, rapporteur());
    expect(cafe.state.harvest.themes.get('theme-0001')!.name).toBe('A participant’s idea');
    expect(cafe.state.harvest.syntheses.get('q1')).toBe('Write to [e-mail withheld].');
    expect(currentFindings(cafe.state)).toEqual([]);
  });
});

describe('the log', () => {
  it('replays a whole harvest to the same state, organisations included', () => {
    const { cafe, people, note, questionOf } = harvestCafe();
    expect(cafe.state.participants.get(people[0]!)!.organisation).toBe('Safaricom PLC');
    expect(cafe.state.participants.get(people[1]!)!.organisation).toBeNull();
    cafe.do({ type: 'theme:create', id: 'theme-0001', question: questionOf(people[0]!), name: 'A' }, rapporteur());
    cafe.do({ type: 'note:sort', noteId: note(people[0]!, 'x'), themeId: 'theme-0001' }, rapporteur());
    cafe.do({ type: 'harvest:open' });
    cafe.do({ type: 'vote:cast', themeId: 'theme-0001', dots: 1 }, participant(people[3]!));
    cafe.do({ type: 'readout:publish', readoutId: 'rd-1', minGroupSize: 2 }, rapporteur());
    expect(replay(cafe.log)).toEqual(cafe.state);
  });
});
