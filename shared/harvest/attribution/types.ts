/** What the rest of the code sees of the attribution check: its inputs and its findings. */

/**
 * What a finding is about, as a rapporteur is told it: one kind per category. A person is "a
 * person" whether or not they are on the roster, so the kind never tells who is in the room.
 */
export const FindingKind = {
  person: 'person',
  organisation: 'organisation',
  selfIdentification: 'self-identification',
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
  /**
   * Other spellings of the names, such as the same name in another script ("Sophia" for
   * Σοφία, "Hanako Kobayashi" for 小林 花子); matched like names. Cyrillic and Greek names
   * need none for their usual Latin spelling: the check transliterates them.
   */
  aliases?: readonly string[];
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

/** What an entity is, for the words that replace it: never whether it is on the roster. */
export type EntityNoun = 'person' | 'official' | 'organisation' | 'government';

/**
 * A finding inside one text, before it gets its key and sentence. Entities (people and
 * organisations) carry a noun and get their replacement in the sentence's language once they are
 * merged; phrases carry theirs.
 */
export interface Hit {
  kind: FindingKind;
  start: number;
  end: number;
  replacement?: string;
  noun?: EntityNoun;
  /** An organisation guessed only from where a name stands ("works at X"): a person there is still a person. */
  weak?: boolean;
}

export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
export const within = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;
