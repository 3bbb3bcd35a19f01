import { Language, type SetAsideReason } from '../domain/enums.ts';
import { LeftOut, type AppendixEntry, type Fate, type Readout, type StakeholderStats } from './types.ts';

/** The shape published before the readout became a report (schema version 1). */
interface ReadoutV1 {
  format: 'tablehop-readout';
  schemaVersion: 1;
  version: number;
  title: string;
  date: string;
  rule: string;
  participants: StakeholderStats;
  questions: {
    number: number;
    question: string;
    synthesis: string;
    noteCount: number;
    themes: { name: string; keyFinding: boolean; votes: number; quotes: { ref: string; text: string }[] }[];
    summaries: { round: number; text: string }[];
    stakeholders: StakeholderStats;
  }[];
  appendix: { ref: string; question: number; round: number; fate: Fate }[];
}

/**
 * A published readout as stored in a `readout:published` fact, in the current shape. Version 1
 * readouts stay readable at their old links: what they lack is left empty or unknown, their
 * quotes are all kept (they were published), and their rounds are shown as they were.
 */
export function currentReadout(stored: Readout | ReadoutV1): Readout {
  if (stored.schemaVersion === 2) return stored;
  const appendix: AppendixEntry[] = stored.appendix.map((e) => ({ ref: e.ref, question: e.question, rounds: { from: e.round, to: e.round }, fate: e.fate }));
  const noteCounts = new Map<number, number>();
  for (const e of appendix) noteCounts.set(e.question, (noteCounts.get(e.question) ?? 0) + 1);
  const leftOut = new Map<LeftOut, number>();
  for (const { fate } of appendix) {
    const category: LeftOut | null =
      fate.kind === 'set-aside' ? (fate.reason satisfies SetAsideReason) : fate.kind === 'withheld' || fate.kind === 'unused' ? fate.kind : null;
    if (category) leftOut.set(category, (leftOut.get(category) ?? 0) + 1);
  }
  return {
    format: 'tablehop-readout',
    schemaVersion: 2,
    version: stored.version,
    language: Language.en,
    title: stored.title,
    description: '',
    event: { date: null, place: null },
    published: stored.date,
    method: {
      tables: null,
      rounds: stored.appendix.reduce((most, e) => Math.max(most, e.round), 0),
      roundMinutes: null,
      questions: stored.questions.length,
      notes: appendix.length,
      participants: stored.participants,
      remote: null,
      votes: null,
      kept: [],
    },
    takeaways: [],
    questions: stored.questions.map((q) => ({
      number: q.number,
      question: q.question,
      summary: q.synthesis,
      notes: noteCounts.get(q.number) ?? 0,
      tables: null,
      themes: q.themes.map((t) => ({
        name: t.name,
        keyFinding: t.keyFinding,
        synthesis: '',
        notes: t.quotes.length,
        tables: null,
        votes: t.votes,
        quotes: t.quotes,
      })),
      stakeholders: q.stakeholders,
    })),
    setAside: Object.values(LeftOut)
      .map((category) => ({ category, count: leftOut.get(category) ?? 0 }))
      .filter((x) => x.count > 0),
    appendix,
  };
}
