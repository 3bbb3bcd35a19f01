import { describeFate, readoutWords, type MessageId, type ReadoutWords } from './i18n/index.ts';
import type { AppendixEntry, KeptReason, LeftOut, Readout, RoundSpan, StakeholderStats } from './types.ts';

/**
 * The readout as a document: the blocks every printed format (HTML, Markdown, Word, PDF) lays
 * out in its own way, written once here in the readout's language, so all formats say the same
 * thing in the same order. Text the session's people wrote (titles, questions, themes, quotes)
 * stays in fields of its own, so each format can isolate its direction and escape it.
 */

export type Block =
  | { kind: 'heading'; level: 2 | 3; id: string; label: string; text?: string }
  | { kind: 'paragraph'; text: string; tone?: 'muted'; user?: boolean }
  | { kind: 'list'; items: string[]; user?: boolean }
  | { kind: 'theme'; name: string; keyFinding: boolean; synthesis: string; figures: string; quotes: { ref: string; text: string }[] }
  | { kind: 'appendix'; lines: { fate: string; refs: string }[] };

export interface Report {
  language: Readout['language'];
  dir: 'ltr' | 'rtl';
  title: string;
  kind: string;
  /** "23 November 2026 · Geneva", when the facilitator gave a date or a place. */
  event: string | null;
  published: string;
  /** `lead` is the label as a sentence ("Chatham House Rule."); `gap` goes between it and the first line. */
  notice: { label: string; lead: string; gap: string; lines: string[] };
  blocks: Block[];
  /** Fixed words a format may need on every page or beside the content. */
  words: ReadoutWords;
}

/** A heading as one line of text: "Question 1: …", with the language's own separator. */
export function headingText(b: Extract<Block, { kind: 'heading' }>, words: ReadoutWords): string {
  return b.text === undefined ? b.label : `${b.label}${words.t('sep.label')}${b.text}`;
}

const KEPT: Record<KeptReason, MessageId> = {
  'not-a-participant': 'kept.not-a-participant',
  'public-role': 'kept.public-role',
  'asked-to-be-named': 'kept.asked-to-be-named',
  other: 'kept.other',
};

const LEFT_OUT: Record<LeftOut, MessageId> = {
  'off-topic': 'leftOut.off-topic',
  duplicate: 'leftOut.duplicate',
  abusive: 'leftOut.abusive',
  withheld: 'leftOut.withheld',
  unused: 'leftOut.unused',
};

export function buildReport(r: Readout): Report {
  const words = readoutWords(r.language);
  const { t } = words;
  const blocks: Block[] = [];
  const heading = (level: 2 | 3, id: string, label: string, text?: string) =>
    blocks.push({ kind: 'heading', level, id, label, ...(text === undefined ? {} : { text }) });
  const paragraph = (text: string, extra: { tone?: 'muted'; user?: boolean } = {}) => blocks.push({ kind: 'paragraph', text, ...extra });
  const k = r.method.participants.minGroupSize;

  if (r.description.trim()) {
    heading(2, 'about', t('about'));
    for (const p of r.description
      .split(/\n\s*\n|\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean))
      paragraph(p, { user: true });
  }

  heading(2, 'method', t('method'));
  paragraph(t('method.format'));
  const m = r.method;
  const figures = { people: m.participants.total, rounds: m.rounds, questions: m.questions, notes: m.notes };
  const sentences = [m.tables === null ? t('method.figuresNoTables', figures) : t('method.figures', { ...figures, tables: m.tables })];
  if (m.roundMinutes) sentences.push(t('method.roundLength', { minutes: m.roundMinutes }));
  sentences.push(m.participants.groups.length ? t('method.groups', { groups: groupList(m.participants, words), k }) : t('method.noGroups', { k }));
  if (m.remote !== null) sentences.push(t('method.remote', { remote: m.remote }));
  // Sentences in a row: a space between them, none in Chinese.
  const gap = t('sep.sentences');
  paragraph(sentences.join(gap));
  paragraph([t('method.analysis'), ...(m.votes ? [t('method.votes', { perParticipant: m.votes.perParticipant, cast: m.votes.cast })] : [])].join(gap));
  const kept = m.kept.reduce((s, x) => s + x.count, 0);
  paragraph(
    [
      t('method.attribution'),
      kept ? t('method.kept', { count: kept, reasons: words.list(m.kept.map((x) => t(KEPT[x.reason], { count: x.count }))) }) : t('method.keptNone'),
      t('method.appendix'),
    ].join(gap),
  );

  if (r.takeaways.length) {
    heading(2, 'takeaways', t('takeaways'));
    blocks.push({
      kind: 'list',
      user: true,
      items: r.takeaways.map((x) => (x.question === null ? x.text : t('takeaway.from', { text: x.text, n: x.question }))),
    });
  }

  for (const q of r.questions) {
    heading(2, `q${q.number}`, t('question', { n: q.number }), q.question);
    const who = q.stakeholders.groups.length
      ? t('question.peopleGroups', { people: q.stakeholders.total, groups: groupList(q.stakeholders, words) })
      : t('question.people', { people: q.stakeholders.total });
    paragraph(
      `${q.tables === null ? t('question.figuresNoTables', { notes: q.notes }) : t('question.figures', { notes: q.notes, tables: q.tables })}. ${who}`,
      { tone: 'muted' },
    );
    if (q.summary.trim()) paragraph(q.summary, { user: true });
    const key = q.themes.filter((th) => th.keyFinding);
    const other = q.themes.filter((th) => !th.keyFinding);
    const themeBlock = (th: (typeof q.themes)[number]): Block => ({
      kind: 'theme',
      name: th.name,
      keyFinding: th.keyFinding,
      synthesis: th.synthesis,
      figures:
        th.tables === null
          ? t('theme.figuresNoTables', { notes: th.notes, votes: th.votes })
          : t('theme.figures', { notes: th.notes, tables: th.tables, votes: th.votes }),
      quotes: th.quotes,
    });
    if (!q.themes.length) paragraph(t('noThemes'));
    if (key.length) {
      heading(3, `q${q.number}-key`, t('keyFindings'));
      blocks.push(...key.map(themeBlock));
    }
    if (other.length) {
      heading(3, `q${q.number}-themes`, key.length ? t('otherThemes') : t('themes'));
      blocks.push(...other.map(themeBlock));
    }
  }

  heading(2, 'left-out', t('leftOut'));
  const leftOut = r.setAside.reduce((s, x) => s + x.count, 0);
  if (!leftOut) paragraph(t('leftOut.none'));
  else {
    paragraph(t('leftOut.intro', { notes: r.method.notes, themed: r.method.notes - leftOut }));
    blocks.push({ kind: 'list', items: r.setAside.map((x) => t(LEFT_OUT[x.category], { count: x.count })) });
  }

  heading(2, 'appendix', t('appendix'));
  paragraph(t('appendix.intro', { k }));
  for (const q of r.questions) {
    const entries = r.appendix.filter((e) => e.question === q.number);
    if (!entries.length) continue;
    heading(3, `appendix-q${q.number}`, t('question', { n: q.number }));
    blocks.push({ kind: 'appendix', lines: appendixLines(entries, words) });
  }

  return {
    language: r.language,
    dir: words.dir,
    title: r.title,
    kind: t('kind'),
    event: [r.event.date ? words.day(r.event.date) : null, r.event.place].filter(Boolean).join(' · ') || null,
    published: t('published', { date: words.day(r.published), version: r.version }),
    notice: {
      label: t('rule.label'),
      lead: `${t('rule.label')}${t('rule.labelEnd')}`,
      gap: t('sep.sentences'),
      lines: [t('rule.notAttributed'), t('rule.text')],
    },
    blocks,
    words,
  };
}

function groupList(s: StakeholderStats, words: ReadoutWords): string {
  return words.list(s.groups.map((g) => words.t('group', { group: g.group === 'Other' ? words.t('group.other') : g.group, count: g.count })));
}

/**
 * One line per fate, its notes as ranges of numbers by the rounds shown: the numbering gives
 * each (fate, rounds) group consecutive numbers, so 245 notes fit in a few lines a question.
 */
function appendixLines(entries: readonly AppendixEntry[], words: ReadoutWords): { fate: string; refs: string }[] {
  const lines: { fate: string; groups: { rounds: RoundSpan | null; refs: number[] }[] }[] = [];
  for (const e of entries) {
    const fate = describeFate(e.fate, words);
    let line = lines.at(-1);
    if (line?.fate !== fate) lines.push((line = { fate, groups: [] }));
    let group = line.groups.at(-1);
    if (!group || group.rounds?.from !== e.rounds?.from || group.rounds?.to !== e.rounds?.to) line.groups.push((group = { rounds: e.rounds, refs: [] }));
    group.refs.push(Number(e.ref.slice(1)));
  }
  return lines.map((line) => ({
    fate: line.fate,
    refs: line.groups
      .map((g) => {
        const rounds =
          g.rounds === null
            ? null
            : g.rounds.from === g.rounds.to
              ? words.t('appendix.round', { from: g.rounds.from })
              : words.t('appendix.rounds', { from: g.rounds.from, to: g.rounds.to });
        return rounds ? words.t('appendix.refs', { refs: ranges(g.refs, words), rounds }) : ranges(g.refs, words);
      })
      .join(words.t('sep.groups')),
  }));
}

/** `[1,2,3,5]` → "N1–N3, N5". */
export function ranges(numbers: readonly number[], words: ReadoutWords): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j === i ? `N${numbers[i]}` : `N${numbers[i]}–N${numbers[j]}`);
    i = j + 1;
  }
  return out.join(words.t('sep.items'));
}
