import { fold, foldString, SPACELESS_RE, tokens, type Folded, type Token } from './fold.ts';
import type { Hit, Roster, Span } from './types.ts';
import { isCommonWord, isPlaceWord, NAME_PARTICLES, ORG_GENERIC, PRONOUN_AFTER } from './words.ts';

/**
 * The session's roster as terms to look for: every name whole and by part, every organisation
 * whole, by its acronym, its initials and its distinctive words; matched on folded tokens (or as
 * substrings in scripts written without spaces).
 */

interface Term {
  kind: 'roster-name' | 'organisation';
  /** Folded tokens, matched consecutively; or a folded substring for spaceless scripts. */
  tokens: string[];
  spaceless: boolean;
  /** Flag only capitalised occurrences. */
  common: boolean;
  /** Acronyms that are also words ("WHO") match only in capitals. */
  exactCase: string | null;
}

export interface RosterIndex {
  byFirstToken: Map<string, Term[]>;
  spaceless: Term[];
  /** Folded name parts, for profile links such as amakaokafor.com. */
  urlParts: string[];
}

function termFor(kind: Term['kind'], phrase: string, options: { common?: boolean; exactCase?: string | null } = {}): Term | null {
  const folded = foldString(phrase).trim();
  if (!folded) return null;
  const spaceless = SPACELESS_RE.test(folded);
  const toks = spaceless ? [folded.replace(/\s+/g, ' ')] : tokens(folded).map((t) => t.text);
  if (!toks.length) return null;
  return { kind, tokens: toks, spaceless, common: options.common ?? false, exactCase: options.exactCase ?? null };
}

function nameTerms(name: string): Term[] {
  const full = termFor('roster-name', name);
  if (!full) return [];
  const parts = full.spaceless ? name.trim().split(/\s+/) : tokens(foldString(name)).map((t) => t.text);
  const partTerms: Term[] = [];
  for (const part of parts) {
    const folded = foldString(part);
    if (NAME_PARTICLES.has(folded)) continue;
    // One Latin letter is an initial; one Han character is too ambiguous to match on its own.
    if ([...folded].length < 2) continue;
    const spaceless = SPACELESS_RE.test(folded);
    const t = termFor('roster-name', part, { common: !spaceless && isCommonWord(folded) });
    if (t) partTerms.push(t);
  }
  // A full name made only of common words ("Will Rose") is itself a common phrase.
  full.common = partTerms.length > 0 && partTerms.length === full.tokens.length && partTerms.every((t) => t.common);
  return [full, ...partTerms];
}

function organisationTerms(org: string): Term[] {
  const terms: Term[] = [];
  const acronyms: string[] = [];
  const withoutParens = org.replace(/\(([^)]*)\)/g, (_m, inner: string) => {
    acronyms.push(inner.trim());
    return ' ';
  });
  for (const phrase of [withoutParens, ...acronyms]) {
    const trimmed = phrase.replace(/[\s,;]+$/g, '').trim();
    if (!trimmed) continue;
    const isAcronym = /^[\p{Lu}\p{N}&.-]{2,8}$/u.test(trimmed) && /\p{Lu}/u.test(trimmed);
    if (isAcronym) {
      const bare = trimmed.replace(/[.]/g, '');
      const common = isCommonWord(foldString(bare));
      const t = termFor('organisation', bare, { exactCase: common ? bare : null });
      if (t) terms.push(t);
      continue;
    }
    const full = termFor('organisation', trimmed);
    if (full) terms.push(full);
    // Distinctive words: "Safaricom" in "Safaricom PLC", "Okapi" in "Okapi Labs".
    const words = trimmed.split(/[\s,;/]+/).filter(Boolean);
    if (words.length > 1) {
      for (const word of words) {
        const folded = foldString(word).replace(/[^\p{L}\p{N}]/gu, '');
        if (folded.length < 3 || ORG_GENERIC.has(folded) || NAME_PARTICLES.has(folded) || isPlaceWord(folded)) continue;
        const t = termFor('organisation', word.replace(/[^\p{L}\p{N}\p{M}'-]/gu, ''), { common: isCommonWord(folded) });
        if (t) terms.push(t);
      }
    }
    // Initials of a name of three words or more: "Electronic Frontier Foundation" → EFF.
    if (words.length >= 3) {
      const initials = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
      if (initials.length >= 3) {
        const t = termFor('organisation', initials, { exactCase: initials });
        if (t) terms.push(t);
      }
    }
  }
  return terms;
}

export function buildRosterIndex(roster: Roster): RosterIndex {
  const index: RosterIndex = { byFirstToken: new Map(), spaceless: [], urlParts: [] };
  const add = (t: Term) => {
    if (t.spaceless) return void index.spaceless.push(t);
    const list = index.byFirstToken.get(t.tokens[0]!) ?? [];
    list.push(t);
    index.byFirstToken.set(t.tokens[0]!, list);
  };
  for (const name of roster.names) {
    for (const t of nameTerms(name)) add(t);
    const compact = foldString(name).replace(/[^\p{L}\p{N}]/gu, '');
    if (compact.length >= 4) index.urlParts.push(compact);
    for (const tok of tokens(foldString(name))) if (tok.text.length >= 4 && !isCommonWord(tok.text)) index.urlParts.push(tok.text);
  }
  for (const org of roster.organisations) for (const t of organisationTerms(org)) add(t);
  return index;
}

/** A fingerprint of what the index depends on: the same roster in another object reuses it. */
export const rosterFingerprint = (roster: Roster) => JSON.stringify([roster.names, roster.organisations]);

/** A common word used as a name: capitalised, and not a sentence opening like "Will we…?". */
function plausiblyProper(text: string, start: number, end: number, toks: Token[], nextIndex: number, folded: Folded, sentences: readonly Span[]): boolean {
  if (!/^\p{Lu}/u.test(text.slice(start, end))) return false;
  const atSentenceStart = sentences.some((s) => text.slice(s.start, start).trim() === '' && start >= s.start && start < s.end);
  if (!atSentenceStart) return true;
  const next = toks[nextIndex];
  if (!next) return true;
  // Only whitespace between: "Will we" is a question, "Will, we" could be a vocative.
  const gap = text.slice(end, folded.map[next.start]!);
  return !(gap.trim() === '' && PRONOUN_AFTER.has(next.text));
}

export function rosterHits(text: string, index: RosterIndex, sentences: readonly Span[]): Hit[] {
  const folded = fold(text);
  const hits: Hit[] = [];
  const toks = tokens(folded.text);
  const replacementOf = (kind: Term['kind']) => (kind === 'roster-name' ? '[a participant]' : '[an organisation]');
  for (let i = 0; i < toks.length; i++) {
    for (const term of index.byFirstToken.get(toks[i]!.text) ?? []) {
      const n = term.tokens.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = toks[i + k]!.text === term.tokens[k];
      if (!ok) continue;
      const start = folded.map[toks[i]!.start]!;
      const end = folded.map[toks[i + n - 1]!.end]!;
      const surface = text.slice(start, end);
      if (term.exactCase && surface.replace(/[.]/g, '') !== term.exactCase) continue;
      if (term.common && !plausiblyProper(text, start, end, toks, i + n, folded, sentences)) continue;
      hits.push({ kind: term.kind, start, end, replacement: replacementOf(term.kind) });
    }
  }
  for (const term of index.spaceless) {
    const needle = term.tokens[0]!;
    for (let at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + 1)) {
      hits.push({ kind: term.kind, start: folded.map[at]!, end: folded.map[at + needle.length]!, replacement: replacementOf(term.kind) });
    }
  }
  return hits;
}
