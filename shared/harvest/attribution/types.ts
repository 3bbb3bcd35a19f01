/** What the rest of the code sees of the attribution check: its inputs and its findings. */

export const FindingKind = {
  rosterName: 'roster-name',
  organisation: 'organisation',
  personName: 'person-name',
  email: 'email',
  phone: 'phone',
  handle: 'handle',
  url: 'url',
  attribution: 'attribution',
} as const;
export type FindingKind = (typeof FindingKind)[keyof typeof FindingKind];

export interface ReadoutText {
  /** Where the text comes from, e.g. `note:abc123`; part of every finding's key. */
  source: string;
  text: string;
}

export interface Roster {
  names: readonly string[];
  organisations: readonly string[];
}

export interface Finding {
  /** Stable across runs: a hash of the source, kind, folded match and its occurrence index. */
  key: string;
  /** `note:<id>`, `summary:<tableId>:<round>`, `theme:<id>` or `synthesis:<question>`. */
  source: string;
  kind: FindingKind;
  match: string;
  /** UTF-16 offsets of the match in the source text. */
  start: number;
  end: number;
  sentence: string;
  /** The sentence with the redaction applied. */
  suggestion: string;
  /** What the match becomes when redacted. */
  replacement: string;
}

/** A finding inside one text, before it gets its key and sentence. */
export interface Hit {
  kind: FindingKind;
  start: number;
  end: number;
  replacement: string;
}

export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
export const within = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;
