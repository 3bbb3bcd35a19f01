import type { SetAsideReason } from '../domain/enums.ts';

/**
 * A published readout under the Chatham House Rule. Everything in it is safe to hand to anyone:
 * no participant or note ids, no names or affiliations, nothing timed finer than the round.
 * Every export format renders exactly this object, so they all carry the same content.
 */
export interface Readout {
  format: 'tablehop-readout';
  schemaVersion: 1;
  version: number;
  title: string;
  /** The day of publication, `YYYY-MM-DD`. */
  date: string;
  rule: string;
  /** Who took part, as aggregates: groups under `minGroupSize` are folded into "Other". */
  participants: StakeholderStats;
  questions: ReadoutQuestion[];
  appendix: AppendixEntry[];
}

export interface StakeholderStats {
  total: number;
  minGroupSize: number;
  /** Empty when the total itself is below `minGroupSize`. */
  groups: { group: string; count: number }[];
}

export interface ReadoutQuestion {
  number: number;
  question: string;
  synthesis: string;
  noteCount: number;
  themes: ReadoutTheme[];
  /** Table hosts' round summaries, labelled by round only. */
  summaries: { round: number; text: string }[];
  stakeholders: StakeholderStats;
}

export interface ReadoutTheme {
  name: string;
  keyFinding: boolean;
  votes: number;
  /** Notes as quoted (after redaction), by appendix reference. */
  quotes: { ref: string; text: string }[];
}

export type Fate =
  | { kind: 'theme'; theme: string }
  | { kind: 'merged'; theme: string; from: string }
  | { kind: 'set-aside'; reason: SetAsideReason }
  | { kind: 'withheld' }
  | { kind: 'unused' };

export interface AppendixEntry {
  /** `N1`, `N2`…: numbered in a deterministic order that says nothing about who wrote when. */
  ref: string;
  question: number;
  round: number;
  fate: Fate;
}

export const CHATHAM_HOUSE_RULE =
  'When a meeting, or part thereof, is held under the Chatham House Rule, participants are free to use the information received, but neither the identity nor the affiliation of the speaker(s), nor that of any other participant, may be revealed.';

export const SET_ASIDE_LABELS: Record<SetAsideReason, string> = {
  'off-topic': 'off-topic',
  duplicate: 'a duplicate',
  abusive: 'abusive',
};

/** The one sentence every format uses for a note's fate. */
export function describeFate(fate: Fate): string {
  switch (fate.kind) {
    case 'theme':
      return `In theme “${fate.theme}”`;
    case 'merged':
      return `Merged into theme “${fate.theme}” (from “${fate.from}”)`;
    case 'set-aside':
      return `Set aside as ${SET_ASIDE_LABELS[fate.reason]}`;
    case 'withheld':
      return 'Withheld by the facilitator';
    case 'unused':
      return 'Not used in a theme';
  }
}
