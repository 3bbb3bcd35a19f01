import { buildRosterIndex, rosterFingerprint, type RosterIndex } from './roster.ts';
import type { Finding, Hit, Roster } from './types.ts';

/**
 * What the check keeps between runs, owned by whoever runs it (the server keeps one per session
 * and drops it with the session): the index of the roster last seen, and each text's hits for
 * that roster, so a re-check after one text changed scans only that text. A new roster starts
 * afresh; texts not seen for a while are let go once there are more than `maxTexts`.
 */
export class AttributionCache {
  #fingerprint = '';
  #index: RosterIndex | null = null;
  readonly #hits = new Map<string, readonly Hit[]>();
  readonly #findings = new Map<string, readonly Finding[]>();

  constructor(readonly maxTexts: number) {}

  /** The roster's index, rebuilt (and every text's hits forgotten) when the roster changed. */
  index(roster: Roster): RosterIndex {
    const fingerprint = rosterFingerprint(roster);
    if (this.#index && fingerprint === this.#fingerprint) return this.#index;
    this.#index = buildRosterIndex(roster);
    this.#fingerprint = fingerprint;
    this.#hits.clear();
    this.#findings.clear();
    return this.#index;
  }

  /** A text's hits for the current roster, scanned once; the least recently used go first. */
  hits(text: string, scan: (text: string) => readonly Hit[]): readonly Hit[] {
    return remember(this.#hits, text, () => scan(text), this.maxTexts);
  }

  /** A source's findings for its text (they carry the source in their keys), built once. */
  findings(source: string, text: string, build: () => readonly Finding[]): readonly Finding[] {
    return remember(this.#findings, `${source}\u0000${text}`, build, this.maxTexts);
  }

  /** How many texts' hits are kept now (for tests and benchmarks). */
  get size(): number {
    return this.#hits.size;
  }
}

/** A bounded map in least-recently-used order: a hit moves to the end, the oldest goes first. */
function remember<T>(map: Map<string, T>, key: string, compute: () => T, max: number): T {
  const cached = map.get(key);
  if (cached !== undefined) {
    map.delete(key);
    map.set(key, cached);
    return cached;
  }
  const value = compute();
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

export function createAttributionCache(options: { maxTexts?: number } = {}): AttributionCache {
  return new AttributionCache(options.maxTexts ?? 5_000);
}
