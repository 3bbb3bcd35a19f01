import { describe, expect, it } from 'vitest';
import { currentFindings } from '../../shared/commands/harvest.ts';
import { commands } from '../../shared/commands/index.ts';
import type { Actor } from '../../shared/commands/spec.ts';
import { replay } from '../../shared/domain/apply.ts';
import { readoutTexts, rosterOf } from '../../shared/harvest/sources.ts';
import { Cafe, guest, participant, setup } from '../support/domain.ts';

/**
 * The rapporteur's board at scale, as commands: many notes sorted or set aside in one command,
 * suggestions accepted in one, themes merged (and unmerged) at once, quotes chosen, a finding per
 * theme, takeaways; and what the readout then publishes, which is exactly what the check reads.
 * Then what publishing does: notes frozen, voting closed; and what a join may carry.
 */

const rapporteur: Actor = { role: 'rapporteur', rapporteurId: 'r-1' };

function boardCafe() {
  const cafe = new Cafe(
    setup({
      tables: [
        { question: 'Who should pay for open infrastructure?' },
        { question: 'Who should pay for open infrastructure?' },
        { question: 'How do we consult people offline?' },
      ],
      rounds: 2,
      askOrganisation: true,
    }),
  );
  let joined = 0;
  const join = (name: string, group: string, extra: { organisation?: string; aliases?: string[] } = {}) => {
    const participantId = `p-${++joined}`;
    cafe.do({ type: 'participant:join', participantId, tokenHash: `h-${participantId}`, name, group, presence: 'room', ...extra }, guest);
    return participantId;
  };
  const people = [
    join('Amaka Okafor', 'Government', { organisation: 'Safaricom PLC' }),
    join('小林 花子', 'Academia', { aliases: ['Hanako Kobayashi'] }),
    join('Jürgen Weiß', 'Private sector'),
    join('Siobhán Ní Bhriain', 'Civil society'),
    join('محمد الأمين', 'Technical community'),
    join('Zoë Lefèvre', 'Academia'),
  ];
  cafe.do({ type: 'rapporteur:invite', rapporteurId: 'r-1', tokenHash: 'rh-1' });
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  let n = 0;
  const note = (pid: string, text: string) => {
    const id = `note-${String(++n).padStart(4, '0')}`;
    cafe.do({ type: 'note:add', id, tableId: cafe.tableOf(pid)!, round: 1, text }, participant(pid));
    return id;
  };
  const onFunding = people.filter((p) => cafe.tableOf(p) !== 't3');
  const offline = people.find((p) => cafe.tableOf(p) === 't3')!;
  // Twelve notes on funding, three of them near-copies; one on the other question.
  const funding = [
    'Governments should fund maintenance, not only launches.',
    'Maintenance needs a recurrent budget line.',
    'Fund maintenance every year, not per project.',
    'Public money, public code.',
    'Publicly funded software should be open source.',
    'Open licences for anything paid with taxes.',
    'Development banks could guarantee regional platforms.',
    'Small countries can pool one platform.',
    'The coffee is cold.',
    'Maintenance needs a recurrent budget line!',
    'maintenance needs a recurrent budget line',
    'As Amaka Okafor said, Safaricom should pay its share.',
  ].map((text, i) => note(onFunding[i % onFunding.length]!, text));
  const elsewhere = note(offline, 'Radio reaches people without phones.');
  return { cafe, people, note, funding, elsewhere };
}

describe('bulk sorting on the rapporteur’s board', () => {
  it('accepts a suggested theme with its notes in one command, renamed and in part', () => {
    const { cafe, funding } = boardCafe();
    const suggestion = [funding[0]!, funding[1]!, funding[2]!, funding[9]!];
    // The rapporteur leaves one note out of the suggestion and renames it before accepting.
    const accepted = cafe.do(
      { type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance as a budget line', noteIds: suggestion.slice(0, 3) },
      rapporteur,
    );
    expect(accepted.reply).toEqual({ themeId: 'theme-maint', sorted: 3 });
    expect(accepted.events.map((e) => e.type)).toEqual(['theme:created', 'notes:sorted']);
    expect(cafe.state.harvest.themes.get('theme-maint')!.noteIds).toEqual(suggestion.slice(0, 3));
    // A resend creates nothing twice.
    expect(
      cafe.do({ type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance as a budget line', noteIds: suggestion.slice(0, 3) }, rapporteur)
        .events,
    ).toEqual([]);
  });

  it('moves many notes in one fact, all or nothing, and only those not already there', () => {
    const { cafe, funding, elsewhere } = boardCafe();
    cafe.do({ type: 'theme:create', id: 'theme-open', question: 'q1', name: 'Public money, public code' }, rapporteur);
    cafe.do({ type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance', noteIds: [funding[0]!] }, rapporteur);
    const open = [funding[3]!, funding[4]!, funding[5]!];
    const moved = cafe.do({ type: 'notes:sort', noteIds: [...open, funding[0]!, funding[3]!], themeId: 'theme-open' }, rapporteur);
    expect(moved.events).toEqual([{ type: 'notes:sorted', at: cafe.now, noteIds: [...open, funding[0]!], themeId: 'theme-open' }]);
    expect(moved.reply).toEqual({ sorted: 4 });
    expect(cafe.state.harvest.themes.get('theme-maint')!.noteIds).toEqual([]);
    expect(cafe.do({ type: 'notes:sort', noteIds: open, themeId: 'theme-open' }, rapporteur).events).toEqual([]);

    // One note of another question, one unknown or one hidden note refuses the whole move.
    const before = [...cafe.state.harvest.themes.get('theme-maint')!.noteIds];
    expect(cafe.try({ type: 'notes:sort', noteIds: [funding[1]!, elsewhere], themeId: 'theme-maint' }, rapporteur)).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringContaining('Nothing was moved'),
    });
    expect(cafe.try({ type: 'notes:sort', noteIds: [funding[1]!, 'note-9999'], themeId: 'theme-maint' }, rapporteur)).toMatchObject({
      ok: false,
      error: 'not_found',
    });
    cafe.do({ type: 'note:hide', id: funding[8]!, hidden: true });
    expect(cafe.try({ type: 'notes:sort', noteIds: [funding[1]!, funding[8]!], themeId: 'theme-maint' }, rapporteur)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(cafe.state.harvest.themes.get('theme-maint')!.noteIds).toEqual(before);
    expect(cafe.try({ type: 'notes:sort', noteIds: open, themeId: 'theme-open' }, participant('p-1'))).toMatchObject({ ok: false, error: 'forbidden' });

    // Back to unsorted, in one command too.
    cafe.do({ type: 'notes:sort', noteIds: open, themeId: null }, rapporteur);
    expect(cafe.state.harvest.themes.get('theme-open')!.noteIds).toEqual([funding[0]!]);
  });

  it('merges near-copies in one action by setting all but one aside as duplicates', () => {
    const { cafe, funding } = boardCafe();
    const copies = [funding[9]!, funding[10]!];
    const done = cafe.do(
      { type: 'notes:setAside', noteIds: copies, reason: 'duplicate', detail: 'same as “Maintenance needs a recurrent budget line.”' },
      rapporteur,
    );
    expect(done.events).toHaveLength(1);
    expect(done.reply).toEqual({ setAside: 2 });
    for (const id of copies) expect(cafe.state.harvest.setAside.get(id)?.reason).toBe('duplicate');
    expect(
      cafe.do({ type: 'notes:setAside', noteIds: copies, reason: 'duplicate', detail: 'same as “Maintenance needs a recurrent budget line.”' }, rapporteur)
        .events,
    ).toEqual([]);
    // Sorting one of them brings it back from the side.
    cafe.do({ type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance', noteIds: [funding[9]!] }, rapporteur);
    expect(cafe.state.harvest.setAside.has(funding[9]!)).toBe(false);
  });

  it('merges several themes into one at once, and undoes a merge', () => {
    const { cafe, funding } = boardCafe();
    cafe.do({ type: 'theme:create', id: 'theme-a', question: 'q1', name: 'Maintenance', noteIds: [funding[0]!] }, rapporteur);
    cafe.do({ type: 'theme:create', id: 'theme-b', question: 'q1', name: 'Recurrent budgets', noteIds: [funding[1]!] }, rapporteur);
    cafe.do({ type: 'theme:create', id: 'theme-c', question: 'q1', name: 'Yearly funding', noteIds: [funding[2]!] }, rapporteur);
    cafe.do({ type: 'theme:create', id: 'theme-x', question: 'q2', name: 'Radio' }, rapporteur);
    expect(cafe.try({ type: 'themes:merge', ids: ['theme-b', 'theme-x'], into: 'theme-a' }, rapporteur)).toMatchObject({ ok: false, error: 'conflict' });
    const merged = cafe.do({ type: 'themes:merge', ids: ['theme-b', 'theme-c'], into: 'theme-a' }, rapporteur);
    expect(merged.reply).toEqual({ merged: 2 });
    expect(cafe.state.harvest.themes.get('theme-c')!.mergedInto).toBe('theme-a');
    expect(cafe.do({ type: 'themes:merge', ids: ['theme-b', 'theme-c'], into: 'theme-a' }, rapporteur).events).toEqual([]);
    cafe.do({ type: 'theme:unmerge', id: 'theme-c' }, rapporteur);
    expect(cafe.state.harvest.themes.get('theme-c')!.mergedInto).toBeNull();
    expect(cafe.state.harvest.themes.get('theme-c')!.noteIds).toEqual([funding[2]!]);
    expect(cafe.do({ type: 'theme:unmerge', id: 'theme-c' }, rapporteur).events).toEqual([]);
  });
});

describe('what the readout publishes, which is what the check reads', () => {
  it('lists chosen quotes, theme names and findings, question syntheses and takeaways; never unquoted notes or host summaries', () => {
    const { cafe, people, funding } = boardCafe();
    const host = people[0]!;
    cafe.do({ type: 'host:assign', tableId: cafe.tableOf(host)!, participantId: host });
    cafe.do({ type: 'summary:write', tableId: cafe.tableOf(host)!, round: 1, text: 'Jürgen Weiß convinced us.' }, participant(host));
    cafe.do({ type: 'theme:create', id: 'theme-pay', question: 'q1', name: 'Who pays', noteIds: [funding[11]!, funding[0]!] }, rapporteur);
    // Sorted but not quoted: the note naming Amaka counts toward the theme, its words are not published.
    expect(readoutTexts(cafe.state).map((t) => t.source)).toEqual(['theme:theme-pay']);
    expect(currentFindings(cafe.state)).toEqual([]);

    cafe.do({ type: 'quote:choose', noteId: funding[11]!, chosen: true }, rapporteur);
    cafe.do({ type: 'synthesis:write', themeId: 'theme-pay', text: 'Those who profit, as Zoë Lefèvre put it, should pay.' }, rapporteur);
    cafe.do({ type: 'synthesis:write', question: 'q1', text: 'Maintenance first.' }, rapporteur);
    cafe.do({ type: 'takeaways:write', texts: ['Fund what you build.', '', 'Ask Hanako Kobayashi.'] }, rapporteur);
    expect(cafe.state.harvest.takeaways).toEqual(['Fund what you build.', 'Ask Hanako Kobayashi.']);
    expect(readoutTexts(cafe.state).map((t) => t.source)).toEqual([
      'theme:theme-pay',
      'theme-synthesis:theme-pay',
      `note:${funding[11]}`,
      'synthesis:q1',
      'takeaway:0',
      'takeaway:1',
    ]);
    // The alias she gave at join is how the check knows "Hanako Kobayashi" is 小林 花子.
    expect(rosterOf(cafe.state).aliases).toEqual(['Hanako Kobayashi']);
    const found = currentFindings(cafe.state).map((f) => [f.source, f.kind, f.match]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['theme-synthesis:theme-pay', 'person', 'Zoë Lefèvre'],
        [`note:${funding[11]}`, 'person', 'Amaka Okafor'],
        [`note:${funding[11]}`, 'organisation', 'Safaricom'],
        ['takeaway:1', 'person', 'Hanako Kobayashi'],
      ]),
    );
    expect(found.some(([source]) => String(source).startsWith('summary:'))).toBe(false);

    // Each kind of text is redacted in place.
    for (let guard = 0; guard < 20; guard++) {
      const open = currentFindings(cafe.state)[0];
      if (!open) break;
      cafe.do({ type: 'finding:redact', key: open.key }, rapporteur);
    }
    expect(cafe.state.harvest.takeaways![1]).toBe('Ask a participant.');
    expect(cafe.state.harvest.themes.get('theme-pay')!.synthesis).not.toContain('Zoë');

    // A quote leaves with its note: sorted elsewhere, it is no longer published.
    cafe.do({ type: 'notes:sort', noteIds: [funding[11]!], themeId: null }, rapporteur);
    expect(cafe.state.harvest.themes.get('theme-pay')!.quotes).toEqual([]);
    expect(readoutTexts(cafe.state).some((t) => t.source.startsWith('note:'))).toBe(false);
  });

  it('quotes only notes in a theme, never a hidden one', () => {
    const { cafe, funding } = boardCafe();
    expect(cafe.try({ type: 'quote:choose', noteId: funding[0]!, chosen: true }, rapporteur)).toMatchObject({ ok: false, error: 'conflict' });
    cafe.do({ type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance', noteIds: [funding[0]!, funding[1]!] }, rapporteur);
    cafe.do({ type: 'quote:choose', noteId: funding[1]!, chosen: true }, rapporteur);
    cafe.do({ type: 'quote:choose', noteId: funding[0]!, chosen: true }, rapporteur);
    expect(cafe.state.harvest.themes.get('theme-maint')!.quotes).toEqual([funding[1]!, funding[0]!]);
    cafe.do({ type: 'quote:choose', noteId: funding[1]!, chosen: false }, rapporteur);
    expect(cafe.do({ type: 'quote:choose', noteId: funding[1]!, chosen: false }, rapporteur).events).toEqual([]);
    cafe.do({ type: 'note:hide', id: funding[0]!, hidden: true });
    expect(readoutTexts(cafe.state).map((t) => t.source)).toEqual(['theme:theme-maint']);
  });

  it('keeps a finding only for a reason of the closed set', () => {
    const schema = commands['finding:keep'].schema;
    const key = `f${'a'.repeat(22)}`;
    for (const reason of ['not-a-participant', 'public-role', 'asked-to-be-named']) expect(schema.safeParse({ key, reason }).success).toBe(true);
    for (const reason of ['ok', 'fine by me', '', '__proto__']) expect(schema.safeParse({ key, reason }).success).toBe(false);
  });
});

describe('publishing', () => {
  function publishedCafe() {
    const h = boardCafe();
    const { cafe, funding, people } = h;
    cafe.do({ type: 'theme:create', id: 'theme-maint', question: 'q1', name: 'Maintenance', noteIds: funding.slice(0, 3) }, rapporteur);
    cafe.do({ type: 'quote:choose', noteId: funding[1]!, chosen: true }, rapporteur);
    cafe.do({ type: 'round:end', round: 1 });
    cafe.do({ type: 'harvest:open' });
    cafe.do({ type: 'vote:cast', themeId: 'theme-maint', dots: 1 }, participant(people[2]!));
    return h;
  }
  const authorOf = (cafe: Cafe, noteId: string) => participant(cafe.state.notes.get(noteId)!.authorId);

  it('sends a quoted note edited after sorting back to the rapporteur before it can be published', () => {
    const { cafe, funding } = publishedCafe();
    cafe.do({ type: 'note:edit', id: funding[1]!, text: 'Maintenance needs a recurrent budget line, said Jürgen Weiß.' }, authorOf(cafe, funding[1]!));
    expect(cafe.state.harvest.changed).toEqual(new Set([funding[1]!]));
    // Its new words go through the check; the rapporteur redacts, and must still look at the note again.
    for (const f of currentFindings(cafe.state)) cafe.do({ type: 'finding:redact', key: f.key }, rapporteur);
    expect(cafe.try({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur)).toMatchObject({
      ok: false,
      error: 'conflict',
      message: expect.stringContaining('changed by its author after sorting'),
    });
    // Placing it again, even in the same theme, is looking at it again.
    cafe.do({ type: 'notes:sort', noteIds: [funding[1]!], themeId: 'theme-maint' }, rapporteur);
    expect(cafe.state.harvest.changed).toEqual(new Set());
    cafe.do({ type: 'quote:choose', noteId: funding[1]!, chosen: true }, rapporteur);
    expect(cafe.do({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur).reply).toMatchObject({ version: 1 });
  });

  it('freezes the notes in the readout and closes the vote', () => {
    const { cafe, funding, people } = publishedCafe();
    cafe.do({ type: 'readout:publish', readoutId: 'rd-1' }, rapporteur);
    for (const id of [funding[0]!, funding[8]!]) {
      expect(cafe.try({ type: 'note:edit', id, text: 'Changed my mind.' }, authorOf(cafe, id))).toMatchObject({
        ok: false,
        error: 'conflict',
        message: expect.stringContaining('published readout'),
      });
      expect(cafe.try({ type: 'note:delete', id }, authorOf(cafe, id))).toMatchObject({ ok: false, error: 'conflict' });
    }
    expect(cafe.try({ type: 'vote:cast', themeId: 'theme-maint', dots: 2 }, participant(people[3]!))).toMatchObject({
      ok: false,
      error: 'closed',
      message: 'Voting closed when the readout was published.',
    });
    // A note written after publishing is not in the readout: its author may still change it.
    const late = 'note-late-0000';
    const { tableId, authorId } = cafe.state.notes.get(funding[0]!)!;
    cafe.do({ type: 'note:add', id: late, tableId, round: 1, text: 'One more thought.' }, participant(authorId));
    expect(cafe.try({ type: 'note:edit', id: late, text: 'One more thought, edited.' }, participant(authorId))).toMatchObject({ ok: true });
    expect(replay(cafe.log)).toEqual(cafe.state);
  });
});

describe('joining', () => {
  it('takes an organisation only where the session asks for one, and other spellings of the name', () => {
    const asks = new Cafe(setup({ askOrganisation: true }));
    asks.do(
      {
        type: 'participant:join',
        participantId: 'p-olga',
        tokenHash: 'h-olga',
        name: 'Ольга Иванова',
        group: 'Government',
        presence: 'room',
        organisation: 'Ministry of ICT',
        aliases: ['Olga Ivanova', 'Ольга Иванова', 'Olga Ivanova'],
      },
      guest,
    );
    expect(asks.state.participants.get('p-olga')).toMatchObject({ organisation: 'Ministry of ICT', aliases: ['Olga Ivanova'] });
    const quiet = new Cafe(setup());
    expect(
      quiet.try(
        {
          type: 'participant:join',
          participantId: 'p-olga',
          tokenHash: 'h-olga',
          name: 'Olga',
          group: 'Government',
          presence: 'room',
          organisation: 'Ministry of ICT',
        },
        guest,
      ),
    ).toMatchObject({
      ok: false,
      error: 'invalid',
      message: 'organisation: this session does not ask for one',
    });
    expect(replay(asks.log)).toEqual(asks.state);
  });
});
