import { tokens } from './fold.ts';
import { clean, matchForm } from './normalise.ts';
import { buildRosterIndex, type RosterIndex } from './roster.ts';
import type { Finding, Hit, Roster } from './types.ts';

/**
 * What the check keeps between runs, owned by whoever runs it (the server keeps one per session
 * and drops it with the session): the index of the roster last seen, and each text's hits for
 * that roster, so a re-check after one text changed scans only that text. Results are the same
 * with or without it.
 *
 * A roster that only grew (people join; nobody's name is ever taken back) is indexed for the
 * newcomers alone, and only the texts their names could match are scanned again: a join storm
 * during a harvest costs each join a few set lookups per text, not a whole check. Any other
 * change starts afresh. Texts not seen for a while are let go once there are more than `maxTexts`.
 */
export class AttributionCache {
  #index: RosterIndex | null = null;
  /** The roster the index was built from, entry by entry, to tell growth from change. */
  #roster: { names: string[]; organisations: string[]; aliases: string[] } = { names: [], organisations: [], aliases: [] };
  readonly #hits = new Map<string, readonly Hit[]>();
  /** What a new roster entry could match in each text whose hits are kept: see `Probe`. */
  readonly #probes = new Map<string, Probe>();
  readonly #findings = new Map<string, readonly Finding[]>();

  constructor(readonly maxTexts: number) {}

  /** Whether a roster was indexed already (a check ran): before that, a roster change costs nothing. */
  get indexed(): boolean {
    return this.#index !== null;
  }

  /** The roster's index: as it was, extended by the newcomers, or rebuilt when the roster changed otherwise. */
  index(roster: Roster): RosterIndex {
    this.update(roster);
    return this.#index!;
  }

  /**
   * Brings the index up to this roster. Returns how many kept texts must be scanned again: 0 when
   * the roster is the same, or grew by names that none of them could contain; `Infinity` when
   * everything was forgotten.
   */
  update(roster: Roster): number {
    const next = { names: [...roster.names], organisations: [...roster.organisations], aliases: [...(roster.aliases ?? [])] };
    if (this.#index) {
      const names = added(this.#roster.names, next.names);
      const organisations = added(this.#roster.organisations, next.organisations);
      const aliases = added(this.#roster.aliases, next.aliases);
      if (names && organisations && aliases) {
        this.#roster = next;
        if (!names.length && !organisations.length && !aliases.length) return 0;
        return this.#extend(buildRosterIndex({ names, organisations, aliases }));
      }
    }
    this.#index = buildRosterIndex(next);
    this.#roster = next;
    this.#hits.clear();
    this.#probes.clear();
    this.#findings.clear();
    return Infinity;
  }

  /** A text's hits for the current roster, scanned once; the least recently used go first. */
  hits(text: string, scan: (text: string) => readonly Hit[]): readonly Hit[] {
    const hits = remember(this.#hits, text, () => scan(text), this.maxTexts);
    remember(this.#probes, text, () => probeOf(text), this.maxTexts);
    return hits;
  }

  /** A source's findings for its text (they carry the source in their keys), built once. */
  findings(source: string, text: string, build: () => readonly Finding[]): readonly Finding[] {
    return remember(this.#findings, `${source}\u0000${text}`, build, this.maxTexts);
  }

  /** How many texts' hits are kept now (for tests and benchmarks). */
  get size(): number {
    return this.#hits.size;
  }

  /**
   * Adds the newcomers' terms to the index and forgets the texts they could match: where none of
   * their words (or, in scripts without spaces, their names as substrings; or their names inside
   * a link) occurs, the scan would find exactly what it found before.
   */
  #extend(delta: RosterIndex): number {
    const index = this.#index!;
    for (const [token, terms] of delta.byFirstToken) {
      const list = index.byFirstToken.get(token);
      if (list) list.push(...terms);
      else index.byFirstToken.set(token, [...terms]);
    }
    index.spaceless.push(...delta.spaceless);
    index.urlParts.push(...delta.urlParts);
    const firstTokens = [...delta.byFirstToken.keys()];
    const needles = delta.spaceless.map((t) => t.tokens[0]!);
    const stale = new Set<string>();
    for (const [text, probe] of this.#probes) {
      if (firstTokens.some((t) => probe.tokens.has(t)) || needles.some((n) => probe.form.includes(n)) || delta.urlParts.some((p) => probe.links.includes(p)))
        stale.add(text);
    }
    for (const text of stale) {
      this.#hits.delete(text);
      this.#probes.delete(text);
    }
    // Findings are built from hits: those of a forgotten text, or of a text no longer probed, go too.
    for (const key of this.#findings.keys()) {
      const text = key.slice(key.indexOf('\u0000') + 1);
      if (stale.has(text) || !this.#probes.has(text)) {
        this.#findings.delete(key);
        stale.add(text);
      }
    }
    return stale.size;
  }
}

/**
 * What the roster part of a scan can see of a text: the words of its match form (a term is tried
 * where its first word occurs), the match form itself (names in scripts without spaces are found
 * as substrings) and, for each run of the text without spaces that could hold a link ("amakaokafor.net",
 * "x.com/amaka"), its letters and digits run together: a link never spans a space, and a name is
 * looked for in links only.
 */
interface Probe {
  tokens: Set<string>;
  form: string;
  links: string;
}

function probeOf(text: string): Probe {
  const cleaned = clean(text).text;
  const form = matchForm(cleaned).text;
  const links = cleaned
    .split(/\s+/u)
    .filter((chunk) => /[./@:]/.test(chunk))
    .map((chunk) => matchForm(chunk).text.replace(/[^\p{L}\p{N}]/gu, ''))
    .join('\u0000');
  return { tokens: new Set(tokens(form).map((t) => t.text)), form, links };
}

/** What `next` adds at the end of `before`, or null when it changed or removed anything. */
function added(before: readonly string[], next: readonly string[]): string[] | null {
  if (next.length < before.length) return null;
  for (let i = 0; i < before.length; i++) if (before[i] !== next[i]) return null;
  return next.slice(before.length);
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
