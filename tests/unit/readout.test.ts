import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/commands/spec.ts';
import { buildReadout, stakeholderStats } from '../../shared/harvest/readout.ts';
import { csvRows, toCsv, toHtml, toJson, toMarkdown } from '../../shared/harvest/render.ts';
import { Cafe, guest, participant, setup } from '../support/domain.ts';

const rapporteur: Actor = { role: 'facilitator' };

describe('stakeholder statistics under the k rule', () => {
  it('shows groups of at least k and folds the rest into "Other", folding further while "Other" is below k', () => {
    const groups = [...Array(7).fill('Government'), ...Array(6).fill('Academia'), ...Array(2).fill('Civil society'), 'Private sector'];
    // Civil society (2) and Private sector (1) make an "Other" of 3 < 5: Academia, the smallest shown, joins them.
    expect(stakeholderStats(groups, 5)).toEqual({
      total: 16,
      minGroupSize: 5,
      groups: [
        { group: 'Government', count: 7 },
        { group: 'Other', count: 9 },
      ],
    });
    // With k = 2, the lone private-sector participant would stand alone in "Other": civil society joins them.
    expect(stakeholderStats(groups, 2).groups).toEqual([
      { group: 'Government', count: 7 },
      { group: 'Academia', count: 6 },
      { group: 'Other', count: 3 },
    ]);
  });

  it('gives only the total when fewer than k took part, and counts a group called "Other" as other', () => {
    expect(stakeholderStats(['Government', 'Government', 'Academia'], 5)).toEqual({ total: 3, minGroupSize: 5, groups: [] });
    expect(stakeholderStats([...Array(5).fill('Other'), ...Array(5).fill('Academia')], 5).groups).toEqual([
      { group: 'Academia', count: 5 },
      { group: 'Other', count: 5 },
    ]);
  });

  it('never shows a count below k, and the counts add up to the total (nothing to subtract)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'Other'), { maxLength: 60 }), fc.integer({ min: 2, max: 10 }), (groups, k) => {
        const stats = stakeholderStats(groups, k);
        if (!stats.groups.length) return groups.length < k || groups.length === 0;
        return stats.groups.every((g) => g.count >= k) && stats.groups.reduce((s, g) => s + g.count, 0) === groups.length;
      }),
    );
  });
});

/** The same café, with the same notes written in a given order. */
function cafeWithNotes(order: number[]) {
  const cafe = new Cafe(setup({ tables: [{ question: 'Who governs?' }, { question: 'Who pays?' }], rounds: 1 }));
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const participantId = `p${i}`;
    cafe.do(
      { type: 'participant:join', participantId, tokenHash: `h${i}`, name: `Person ${i}`, group: i < 5 ? 'Government' : 'Academia', presence: 'room' },
      guest,
    );
    ids.push(participantId);
  }
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  cafe.do({ type: 'theme:create', id: 'theme-gov1', question: 'q1', name: 'Public oversight' }, rapporteur);
  cafe.do({ type: 'theme:create', id: 'theme-pay1', question: 'q2', name: 'Public money' }, rapporteur);
  const texts = ['Parliament should audit it', 'An independent board', 'Taxes, not fees', 'Development banks', 'Off topic rant', 'Courts as a backstop'];
  for (const i of order) {
    const pid = ids.find((p) => (cafe.tableOf(p) === 't1') === (i % 2 === 0) && ![...cafe.state.notes.values()].some((n) => n.authorId === p))!;
    const id = `note-${String(i).padStart(4, '0')}`;
    cafe.do({ type: 'note:add', id, tableId: cafe.tableOf(pid)!, round: 1, text: texts[i]! }, participant(pid));
  }
  for (const n of cafe.state.notes.values()) {
    if (n.text === 'Off topic rant') cafe.do({ type: 'note:setAside', noteId: n.id, reason: 'off-topic' }, rapporteur);
    else cafe.do({ type: 'note:sort', noteId: n.id, themeId: n.tableId === 't1' ? 'theme-gov1' : 'theme-pay1' }, rapporteur);
  }
  cafe.do({ type: 'harvest:open' });
  return cafe;
}

describe('building the readout', () => {
  it('does not depend on the order notes were written in', () => {
    const a = buildReadout(cafeWithNotes([0, 1, 2, 3, 4, 5]).state, { version: 1, minGroupSize: 5, now: Date.UTC(2026, 10, 23, 15, 42) });
    const b = buildReadout(cafeWithNotes([5, 3, 1, 4, 2, 0]).state, { version: 1, minGroupSize: 5, now: Date.UTC(2026, 10, 23, 9, 1) });
    expect(b.readout).toEqual(a.readout);
    expect(a.readout.published).toBe('2026-11-23');
  });

  it('numbers every note and says what became of it, quoting only the notes the rapporteur chose', () => {
    const cafe = cafeWithNotes([0, 1, 2, 3, 4, 5]);
    const pay = cafe.state.harvest.themes.get('theme-pay1')!;
    const { readout } = buildReadout(cafe.state, {
      version: 1,
      minGroupSize: 5,
      now: 0,
      input: { quotes: new Map([['theme-pay1', [...pay.noteIds].reverse()]]) },
    });
    expect(readout.appendix.map((e) => [e.ref, e.question, e.fate.kind])).toEqual([
      ['N1', 1, 'theme'],
      ['N2', 1, 'theme'],
      ['N3', 1, 'set-aside'],
      ['N4', 2, 'theme'],
      ['N5', 2, 'theme'],
      ['N6', 2, 'theme'],
    ]);
    // Quotes in a theme follow their words, not the order they were written in.
    expect(readout.questions[1]!.themes[0]!.quotes).toEqual([
      { ref: 'N4', text: 'An independent board' },
      { ref: 'N5', text: 'Courts as a backstop' },
      { ref: 'N6', text: 'Development banks' },
    ]);
    expect(readout.questions[0]!.themes[0]).toMatchObject({ name: 'Public oversight', notes: 2, tables: 1, quotes: [] });
    expect(JSON.stringify(readout)).not.toMatch(/Off topic rant|note-|Person \d|p\d"/);
  });
});

describe('the text exports', () => {
  const cafe = cafeWithNotes([0, 1, 2, 3, 4, 5]);
  const quotes = new Map([...cafe.state.harvest.themes.values()].map((t) => [t.id, t.noteIds]));
  const { readout } = buildReadout(cafe.state, { version: 2, minGroupSize: 5, now: Date.UTC(2026, 10, 23), input: { quotes } });

  it('are the same bytes for the same readout', () => {
    for (const render of [toMarkdown, toHtml, toJson, toCsv]) expect(render(structuredClone(readout))).toBe(render(readout));
  });

  it('carry the same content in every format', () => {
    const quotes = readout.questions.flatMap((q) => q.themes.flatMap((t) => t.quotes.map((x) => x.text)));
    for (const text of [toMarkdown(readout), toHtml(readout), toCsv(readout)]) {
      for (const q of ['Who governs?', 'Who pays?', 'Public oversight', 'Public money', 'Set aside as off-topic']) expect(text).toContain(q);
      for (const quote of quotes) expect(text).toContain(quote.replace(/,/g, ','));
    }
    expect(JSON.parse(toJson(readout))).toEqual(readout);
  });

  it('quote CSV fields properly and defuse spreadsheet formulas', () => {
    const tricky = { ...readout, title: 'Say "hi", then =cmd|calc' };
    const csv = toCsv(tricky);
    expect(csv).toContain('"Say ""hi"", then =cmd|calc"');
    expect(csvRows({ ...readout, title: '=1+1' })[0]!.at(-1)).toBe('=1+1');
    expect(toCsv({ ...readout, title: '=1+1' })).toContain(`"'=1+1"`);
  });

  it('escape what Markdown and HTML would read as markup', () => {
    const tricky = { ...readout, title: '<script>alert(1)</script> *bold* [link](x)' };
    expect(toHtml(tricky)).not.toContain('<script>alert');
    expect(toMarkdown(tricky)).toContain('\\*bold\\* \\[link\\](x)');
  });
});
