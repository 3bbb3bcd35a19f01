import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/commands/spec.ts';
import { currentFindings } from '../../shared/commands/harvest.ts';
import { apply } from '../../shared/domain/apply.ts';
import { buildReadout, roundSpans } from '../../shared/harvest/readout.ts';
import { buildReport } from '../../shared/harvest/report.ts';
import { toHtml, toMarkdown } from '../../shared/harvest/render.ts';
import { currentReadout } from '../../shared/harvest/upgrade.ts';
import { sessionSetupSchema } from '../../shared/protocol/schemas.ts';
import { pdfFonts } from '../../server/exports/pdf/fonts.ts';
import { resolveLevels, TextSetter } from '../../server/exports/pdf/layout.ts';
import { Cafe, guest, participant, setup } from '../support/domain.ts';

const rapporteur: Actor = { role: 'rapporteur', rapporteurId: 'r-1' };
const SEED = Number(process.env.READOUT_SEED ?? 20261124);

describe('the k rule for the appendix (a (question, round) cell below k writers keeps no round)', () => {
  const notes = (cells: Record<number, string[]>) =>
    Object.entries(cells).flatMap(([round, writers]) => writers.map((authorId) => ({ round: Number(round), authorId })));

  it('keeps every round of cells with k writers or more', () => {
    const spans = roundSpans(notes({ 1: ['a', 'b', 'c'], 2: ['a', 'd', 'e', 'e'], 3: ['f', 'g', 'h'] }), 3);
    expect([...spans]).toEqual([
      [1, { from: 1, to: 1 }],
      [2, { from: 1 + 1, to: 2 }],
      [3, { from: 3, to: 3 }],
    ]);
  });

  it('merges a small round with the next, and a small last round with the one before', () => {
    // Round 1: two writers; with round 2 they are four. Round 4: one writer, joins round 3.
    const spans = roundSpans(notes({ 1: ['a', 'b'], 2: ['c', 'd'], 3: ['e', 'f', 'g'], 4: ['h'] }), 3);
    expect(spans.get(1)).toEqual({ from: 1, to: 2 });
    expect(spans.get(2)).toEqual({ from: 1, to: 2 });
    expect(spans.get(3)).toEqual({ from: 3, to: 4 });
    expect(spans.get(4)).toEqual({ from: 3, to: 4 });
  });

  it('counts writers, not notes: one person writing ten notes is one writer', () => {
    expect(roundSpans(notes({ 1: Array(10).fill('a'), 2: ['b', 'c', 'd'] }), 3).get(1)).toEqual({ from: 1, to: 2 });
  });

  it('gives no round at all when the whole question had fewer than k writers', () => {
    const spans = roundSpans(notes({ 1: ['a'], 2: ['b', 'a'] }), 3);
    expect([...spans.values()]).toEqual([null, null]);
  });

  it('on random cells: every span shown has k writers, spans do not overlap, and each note keeps the span of its round', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ round: fc.integer({ min: 1, max: 6 }), authorId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g') }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (list, k) => {
          const spans = roundSpans(list, k);
          const writers = new Set(list.map((n) => n.authorId));
          for (const n of list) {
            const span = spans.get(n.round);
            expect(span === undefined).toBe(false);
            if (span === null) {
              expect(writers.size).toBeLessThan(k);
              continue;
            }
            expect(span!.from <= n.round && n.round <= span!.to).toBe(true);
            const inSpan = new Set(list.filter((m) => m.round >= span!.from && m.round <= span!.to).map((m) => m.authorId));
            expect(inSpan.size).toBeGreaterThanOrEqual(k);
          }
          const shown = [...new Set([...spans.values()].filter((s) => s !== null).map((s) => JSON.stringify(s)))].map(
            (s) => JSON.parse(s) as { from: number; to: number },
          );
          shown.sort((a, b) => a.from - b.from);
          for (let i = 1; i < shown.length; i++) expect(shown[i]!.from).toBeGreaterThan(shown[i - 1]!.to);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/** Six people at two tables of one question, three rounds; the rapporteur sorts as told. */
function smallCafe() {
  const cafe = new Cafe(setup({ tables: [{ question: 'Who governs?' }, { question: 'Who governs?' }], rounds: 2 }));
  const people = ['Amaka Okafor', 'Hana Kobayashi', 'Tomás Aranda', 'Kwame Mensah', 'Zanele Mokoena', 'Ilse Brandt'].map((name, i) => {
    const participantId = `p-${i}`;
    cafe.do({ type: 'participant:join', participantId, tokenHash: `h-${i}`, name, group: i % 2 ? 'Academia' : 'Government', presence: 'room' }, guest);
    return participantId;
  });
  cafe.do({ type: 'seating:assign' });
  cafe.do({ type: 'round:start', round: 1 });
  cafe.do({ type: 'rapporteur:invite', rapporteurId: 'r-1', tokenHash: 'rh-1' });
  const ids = people.map((pid, i) => {
    const id = `note-${i}`;
    cafe.do(
      {
        type: 'note:add',
        id,
        tableId: cafe.tableOf(pid)!,
        round: 1,
        text: ['Audit every year', 'Publish the audits', 'Parliament oversight', 'Fund maintenance', 'Coffee is cold', 'Open licences'][i]!,
      },
      participant(pid),
    );
    return id;
  });
  for (const [id, name] of [
    ['theme-audit', 'Audits'],
    ['theme-money', 'Money'],
    ['theme-dup', 'Audits again'],
  ] as const) {
    cafe.do({ type: 'theme:create', id, question: 'q1', name }, rapporteur);
  }
  cafe.do({ type: 'note:sort', noteId: ids[0]!, themeId: 'theme-audit' }, rapporteur);
  cafe.do({ type: 'note:sort', noteId: ids[1]!, themeId: 'theme-dup' }, rapporteur);
  cafe.do({ type: 'note:sort', noteId: ids[2]!, themeId: 'theme-audit' }, rapporteur);
  cafe.do({ type: 'note:sort', noteId: ids[3]!, themeId: 'theme-money' }, rapporteur);
  cafe.do({ type: 'note:sort', noteId: ids[5]!, themeId: 'theme-money' }, rapporteur);
  cafe.do({ type: 'note:setAside', noteId: ids[4]!, reason: 'off-topic' }, rapporteur);
  cafe.do({ type: 'theme:merge', id: 'theme-dup', into: 'theme-audit' }, rapporteur);
  return { cafe, ids, people };
}

const build = (cafe: Cafe, input: Parameters<typeof buildReadout>[1]['input'] = {}) =>
  buildReadout(cafe.state, { version: 1, minGroupSize: 3, now: cafe.now, input }).readout;

describe('quotes: only what the rapporteur chose, and only while it stands', () => {
  it('quotes a chosen note, in the theme that now holds it, also when chosen in a theme merged into it', () => {
    const { cafe, ids } = smallCafe();
    const readout = build(cafe, { quotes: new Map([['theme-dup', [ids[1]!]]]) });
    const audits = readout.questions[0]!.themes.find((t) => t.name === 'Audits')!;
    expect(audits.notes).toBe(3);
    expect(audits.quotes.map((q) => q.text)).toEqual(['Publish the audits']);
  });

  it('drops a chosen note once it moves to another theme, is set aside or is hidden', () => {
    const { cafe, ids } = smallCafe();
    const quotes = new Map([
      ['theme-audit', [ids[0]!, ids[2]!]],
      ['theme-money', [ids[3]!]],
    ]);
    cafe.do({ type: 'note:sort', noteId: ids[0]!, themeId: 'theme-money' }, rapporteur);
    cafe.do({ type: 'note:hide', id: ids[2]!, hidden: true });
    cafe.do({ type: 'note:setAside', noteId: ids[3]!, reason: 'duplicate' }, rapporteur);
    const readout = build(cafe, { quotes });
    expect(readout.questions[0]!.themes.flatMap((t) => t.quotes)).toEqual([]);
    expect(readout.setAside).toEqual([
      { category: 'off-topic', count: 1 },
      { category: 'duplicate', count: 1 },
      { category: 'withheld', count: 1 },
    ]);
  });

  it('reads quotes and a theme’s synthesis from the state once the domain keeps them there', () => {
    const { cafe, ids } = smallCafe();
    const theme = cafe.state.harvest.themes.get('theme-money')!;
    // What the domain will set through its commands; written by hand here.
    theme.quotes = [ids[5]!];
    theme.synthesis = 'Maintenance needs recurrent budgets.';
    cafe.state.harvest.takeaways = ['Fund what you build.'];
    const readout = build(cafe);
    expect(readout.questions[0]!.themes.find((t) => t.name === 'Money')).toMatchObject({
      synthesis: 'Maintenance needs recurrent budgets.',
      quotes: [{ text: 'Open licences' }],
    });
    expect(readout.takeaways).toEqual([{ text: 'Fund what you build.', question: null }]);
  });
});

describe('the method statement', () => {
  it('counts kept findings by reason, only those the check still finds, free-text reasons as "other"', () => {
    const { cafe, people } = smallCafe();
    cafe.do(
      { type: 'note:add', id: 'note-named', tableId: cafe.tableOf(people[0]!)!, round: 1, text: 'As the Secretary-General said, audits matter.' },
      participant(people[0]!),
    );
    cafe.do(
      { type: 'note:add', id: 'note-lovelace', tableId: cafe.tableOf(people[1]!)!, round: 1, text: 'Ada Lovelace would audit it.' },
      participant(people[1]!),
    );
    cafe.do({ type: 'note:sort', noteId: 'note-named', themeId: 'theme-audit' }, rapporteur);
    cafe.do({ type: 'note:sort', noteId: 'note-lovelace', themeId: 'theme-audit' }, rapporteur);
    for (const noteId of ['note-named', 'note-lovelace']) cafe.do({ type: 'quote:choose', noteId, chosen: true }, rapporteur);
    const findings = currentFindings(cafe.state);
    expect(findings.length).toBeGreaterThanOrEqual(2);
    const reasons = ['public-role', 'not-a-participant', 'We agreed to keep it'];
    // Free text as logs written before the closed set of reasons hold it: the command no longer takes it.
    for (const [i, f] of findings.entries()) apply(cafe.state, { type: 'finding:kept', at: cafe.now, key: f.key, reason: reasons[i % reasons.length]! });
    const expected = new Map<string, number>();
    for (const [i] of findings.entries()) {
      const reason = ['public-role', 'not-a-participant', 'other'][i % 3]!;
      expected.set(reason, (expected.get(reason) ?? 0) + 1);
    }
    const kept = build(cafe).method.kept;
    expect(new Map(kept.map((k) => [k.reason, k.count]))).toEqual(expected);
    // A note taken out of its theme is no longer published: its kept findings no longer count.
    cafe.do({ type: 'note:sort', noteId: 'note-named', themeId: null }, rapporteur);
    cafe.do({ type: 'note:sort', noteId: 'note-lovelace', themeId: null }, rapporteur);
    expect(build(cafe).method.kept).toEqual([]);
  });

  it('says who took part under k: no breakdown below k, remote participation only when both sides reach k', () => {
    const { cafe } = smallCafe();
    const readout = build(cafe);
    expect(readout.method).toMatchObject({ tables: 2, rounds: 1, questions: 1, notes: 6, remote: null, votes: null });
    expect(readout.method.participants).toEqual({
      total: 6,
      minGroupSize: 3,
      groups: [
        { group: 'Academia', count: 3 },
        { group: 'Government', count: 3 },
      ],
    });
    const k4 = buildReadout(cafe.state, { version: 1, minGroupSize: 4, now: cafe.now }).readout.method.participants;
    expect(k4.groups).toEqual([{ group: 'Other', count: 6 }]);
    expect(toMarkdown(readout)).toContain('6 people took part at 2 tables over 1 round, answering 1 guiding question, and wrote 6 notes.');
  });

  it('takes the key findings by votes as takeaways when the rapporteur wrote none', () => {
    const { cafe, people } = smallCafe();
    cafe.do({ type: 'theme:mark', id: 'theme-audit', key: true }, rapporteur);
    cafe.do({ type: 'theme:mark', id: 'theme-money', key: true }, rapporteur);
    cafe.do({ type: 'round:end', round: 1 });
    cafe.do({ type: 'round:start', round: 2 });
    cafe.do({ type: 'round:end', round: 2 });
    cafe.do({ type: 'vote:cast', themeId: 'theme-money', dots: 3 }, participant(people[0]!));
    cafe.do({ type: 'vote:cast', themeId: 'theme-audit', dots: 1 }, participant(people[1]!));
    const readout = build(cafe);
    expect(readout.takeaways).toEqual([
      { text: 'Money', question: 1 },
      { text: 'Audits', question: 1 },
    ]);
    expect(readout.method.votes).toEqual({ perParticipant: 3, cast: 4 });
    expect(readout.method.rounds).toBe(2);
  });
});

describe('the session setup', () => {
  const base = { title: 'x', tables: [{ question: 'q?' }], rounds: 1, roundSeconds: 600, movingSeconds: 60, autoAdvance: false };

  it('takes an optional ISO day, a place and a language, and refuses anything else', () => {
    expect(sessionSetupSchema.parse({ ...base, date: '2026-11-23', place: '  Genève, Palais des Nations ', language: 'fr' })).toMatchObject({
      date: '2026-11-23',
      place: 'Genève, Palais des Nations',
      language: 'fr',
    });
    for (const bad of [
      { date: '2026-02-30' },
      { date: '23/11/2026' },
      { date: '2026-11-23T10:00:00Z' },
      { language: 'de' },
      { language: '__proto__' },
      { place: 'x'.repeat(121) },
    ]) {
      expect(sessionSetupSchema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });

  it('carries them to the readout, with the description', () => {
    const cafe = new Cafe(setup({ description: 'Pre-event café.', date: '2026-11-23', place: 'Kigali', language: 'fr' }));
    cafe.joinMany(3);
    cafe.do({ type: 'round:start', round: 1 });
    const readout = build(cafe);
    expect(readout).toMatchObject({ language: 'fr', description: 'Pre-event café.', event: { date: '2026-11-23', place: 'Kigali' } });
    expect(buildReport(readout).event).toBe('23 novembre 2026 · Kigali');
  });
});

describe('a readout published before the report (schema version 1)', () => {
  const v1 = {
    format: 'tablehop-readout',
    schemaVersion: 1,
    version: 3,
    title: 'Open infrastructure café',
    date: '2025-06-02',
    rule: 'When a meeting…',
    participants: { total: 7, minGroupSize: 5, groups: [{ group: 'Other', count: 7 }] },
    questions: [
      {
        number: 1,
        question: 'Who pays?',
        synthesis: 'Public money for maintenance.',
        noteCount: 3,
        themes: [{ name: 'Maintenance', keyFinding: true, votes: 4, quotes: [{ ref: 'N1', text: 'Fund the boring parts.' }] }],
        summaries: [{ round: 1, text: 'We talked about money.' }],
        stakeholders: { total: 7, minGroupSize: 5, groups: [{ group: 'Other', count: 7 }] },
      },
    ],
    appendix: [
      { ref: 'N1', question: 1, round: 1, fate: { kind: 'theme', theme: 'Maintenance' } },
      { ref: 'N2', question: 1, round: 1, fate: { kind: 'set-aside', reason: 'off-topic' } },
      { ref: 'N3', question: 1, round: 2, fate: { kind: 'withheld' } },
    ],
  } as const;

  it('still reads at its link, in the report’s shape, with what it published', () => {
    const readout = currentReadout(structuredClone(v1) as never);
    expect(readout).toMatchObject({
      schemaVersion: 2,
      published: '2025-06-02',
      method: { tables: null, rounds: 2, notes: 3 },
      setAside: [
        { category: 'off-topic', count: 1 },
        { category: 'withheld', count: 1 },
      ],
    });
    const md = toMarkdown(readout);
    expect(md).toContain('7 people took part over 2 rounds, answering 1 guiding question, and wrote 3 notes.');
    expect(md).toContain('“Fund the boring parts.” — N1');
    expect(md).toContain('- In theme “Maintenance”: N1 (round 1)');
    expect(toHtml(readout)).toContain('<h4 dir="auto">Maintenance</h4>');
  });
});

describe('the PDF’s bidirectional order (UAX #9, reduced)', () => {
  it('keeps an Arabic phrase right to left inside English, with its number left to right', () => {
    // "Quote: <ar> <ar> 2025 <ar>." in a left-to-right paragraph.
    expect(resolveLevels(['L', 'ON', 'WS', 'R', 'WS', 'R', 'WS', 'EN', 'WS', 'R', 'ON'], 0)).toEqual([0, 0, 0, 1, 1, 1, 1, 2, 1, 1, 0]);
  });

  it('keeps an English acronym left to right inside Arabic', () => {
    expect(resolveLevels(['R', 'WS', 'L', 'WS', 'L', 'WS', 'R'], 1)).toEqual([1, 1, 2, 2, 2, 1, 1]);
  });

  it('sets an Arabic line with a year in brackets in visual order, each script in its font, the brackets turned', () => {
    const style = { font: 'regular', size: 10, color: '#000' } as const;
    const laid = new TextSetter(pdfFonts()).layout([{ text: 'قال (2025) مرحبا', style }], 400, 'ltr');
    expect(laid.dir).toBe('rtl');
    const line = laid.lines[0]!.pieces;
    expect(line.map((p) => p.text)).toEqual(['مرحبا', ' ', '(', '2025', ')', ' ', 'قال']);
    expect(line.filter((p) => p.bidi === 'R').map((p) => p.font.key)).toEqual(['F-NotoSansArabic-Regular', 'F-NotoSansArabic-Regular']);
    expect(line.find((p) => p.text === '2025')!.font.key).toBe('F-NotoSans-Regular');
  });

  it('breaks a Chinese sentence between characters, never before its closing punctuation', () => {
    const style = { font: 'regular', size: 10, color: '#000' } as const;
    const laid = new TextSetter(pdfFonts()).layout([{ text: '公共资金资助的软件应当开源，并允许其他国家复用。', style }], 60, 'ltr');
    const lines = laid.lines.map((l) => l.pieces.map((p) => p.text).join(''));
    expect(lines.join('')).toBe('公共资金资助的软件应当开源，并允许其他国家复用。');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l).not.toMatch(/^[，。]/);
  });
});
