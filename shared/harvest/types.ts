import { KeepReason } from './attribution/reasons.ts';
import type { Language, SetAsideReason } from '../domain/enums.ts';

/**
 * A published readout under the Chatham House Rule: the report a secretariat would publish.
 * Everything in it is safe to hand to anyone: no participant or note ids, no names or
 * affiliations, nothing timed finer than the day, and no round given for a (question, round)
 * cell written by fewer than `k` people. It holds data only; every format renders its fixed
 * wording from the catalog of `language` (shared/harvest/i18n), so all formats carry the same
 * content. Stored inside the `readout:published` fact: a change of shape is a new
 * `schemaVersion`, and older versions are upgraded on read (./upgrade.ts).
 */
export interface Readout {
  format: 'tablehop-readout';
  schemaVersion: 2;
  version: number;
  language: Language;
  title: string;
  /** The facilitator's description of the session; may be empty. */
  description: string;
  /** The day of the event (`YYYY-MM-DD`) and where it was held, when the facilitator gave them. */
  event: { date: string | null; place: string | null };
  /** The day of publication, `YYYY-MM-DD`. */
  published: string;
  method: Method;
  /** Across questions: the rapporteur's own, or else the key findings by votes. */
  takeaways: Takeaway[];
  questions: ReadoutQuestion[];
  /** What was left out, by category, with counts; the appendix says which note. */
  setAside: { category: LeftOut; count: number }[];
  appendix: AppendixEntry[];
}

/** The facts the method statement is written from. */
export interface Method {
  /** Tables with a guiding question; null for readouts published before it was recorded. */
  tables: number | null;
  /** Rounds that took place. */
  rounds: number;
  /** Minutes a round was planned to last; null when unknown. */
  roundMinutes: number | null;
  questions: number;
  /** Notes written (deleted ones aside), withheld ones included. */
  notes: number;
  /** Who took part, as aggregates: groups under `minGroupSize` are folded into "Other". */
  participants: StakeholderStats;
  /** How many took part remotely; null when either side is below k (or unknown). */
  remote: number | null;
  /** Dots each participant could give, and how many were given; null when nobody voted. */
  votes: { perParticipant: number; cast: number } | null;
  /** Attribution findings the rapporteur kept on purpose, by reason. */
  kept: { reason: KeptReason; count: number }[];
}

export interface StakeholderStats {
  total: number;
  minGroupSize: number;
  /** Empty when the total itself is below `minGroupSize`. The group `Other` is the fold. */
  groups: { group: string; count: number }[];
}

export interface Takeaway {
  text: string;
  /** The question it comes from, when it is a key finding rather than the rapporteur's own words. */
  question: number | null;
}

export interface ReadoutQuestion {
  number: number;
  question: string;
  /** The rapporteur's synthesis of the whole question; may be empty. */
  summary: string;
  /** Notes written for this question (withheld ones included), and how many tables they came from (null: not recorded). */
  notes: number;
  tables: number | null;
  /** Key findings first, then by votes. */
  themes: ReadoutTheme[];
  stakeholders: StakeholderStats;
}

export interface ReadoutTheme {
  name: string;
  keyFinding: boolean;
  /** The rapporteur's finding for this theme; may be empty. */
  synthesis: string;
  /** Notes in the theme (merged themes' included), and how many tables they came from (null: not recorded). */
  notes: number;
  tables: number | null;
  votes: number;
  /** Only the notes the rapporteur chose to quote, as quoted (after redaction), by appendix number. */
  quotes: { ref: string; text: string }[];
}

export type Fate =
  | { kind: 'theme'; theme: string }
  | { kind: 'merged'; theme: string; from: string }
  | { kind: 'set-aside'; reason: SetAsideReason }
  | { kind: 'withheld' }
  | { kind: 'unused' };

/** The categories of what did not go into a theme. */
export const LeftOut = {
  offTopic: 'off-topic',
  duplicate: 'duplicate',
  abusive: 'abusive',
  withheld: 'withheld',
  unused: 'unused',
} as const;
export type LeftOut = (typeof LeftOut)[keyof typeof LeftOut];

/** Rounds as the appendix may show them: one round, a span merged to reach k writers, or none. */
export interface RoundSpan {
  from: number;
  to: number;
}

export interface AppendixEntry {
  /** `N1`, `N2`…: numbered in an order that says nothing about who wrote when. */
  ref: string;
  question: number;
  /** Null when even all of the question's rounds together had fewer than k writers. */
  rounds: RoundSpan | null;
  fate: Fate;
}

/**
 * Why an attribution finding was kept, as a closed set (issue 14). `other` counts reasons given
 * as free text before the set existed.
 */
/**
 * Why findings were kept, as the method statement counts them: the closed set a rapporteur chooses
 * from (the check's `KeepReason`), and `other` for free-text reasons in logs from before it.
 */
export const KeptReason = { ...KeepReason, other: 'other' } as const;
export type KeptReason = (typeof KeptReason)[keyof typeof KeptReason];

export function keptReasonOf(reason: string): KeptReason {
  switch (reason) {
    case KeptReason.notAParticipant:
    case KeptReason.publicRole:
    case KeptReason.askedToBeNamed:
      return reason;
    default:
      return KeptReason.other;
  }
}

/** Kept here too for the views that describe a participant's own notes. */
export { describeFate } from './i18n/index.ts';
