import { foldString, SPACELESS_RE, tokens, type Token } from './fold.ts';
import { clean, matchForm, matchKey, sourceSpan, type Mapped } from './normalise.ts';
import type { EntityNoun, Hit, Roster, Span } from './types.ts';
import { isCommonWord, isEverydayWord, isPlaceWord, NAME_PARTICLES, PRONOUN_AFTER } from './words.ts';

/**
 * The session's roster as terms to look for, in the match form (see normalise.ts): every name
 * and alias whole and by part, every organisation whole, by its acronym, its initials and its
 * distinctive words. Matched on tokens of the text's match form, or as substrings in scripts
 * written without spaces.
 */

interface Term {
  kind: 'person' | 'organisation';
  /** Match-form tokens, matched consecutively; or a substring for spaceless scripts. */
  tokens: string[];
  spaceless: boolean;
  /** Flag only where it reads as a proper noun (capitalised, not "Will we…?"). */
  common: boolean;
  /** Acronyms that are also words ("WHO") match only in these capitals. */
  exactCase: string | null;
}

export interface RosterIndex {
  byFirstToken: Map<string, Term[]>;
  spaceless: Term[];
  /** Match-form name parts, for links such as amakaokafor.com. */
  urlParts: string[];
}

/** A phrase's words: each with its match form and its plain fold (for the word lists). */
function words(phrase: string): { key: string; plain: string }[] {
  const c = clean(phrase).text;
  const m = matchForm(c);
  return tokens(m.text).map((t) => {
    const { start, end } = sourceSpan(m, t.start, t.end);
    return { key: t.text, plain: foldString(c.slice(start, end)) };
  });
}

function termFor(kind: Term['kind'], phrase: string, options: { common?: boolean; exactCase?: string | null } = {}): Term | null {
  const key = matchKey(phrase).trim();
  if (!key) return null;
  const spaceless = SPACELESS_RE.test(key);
  const toks = spaceless ? [key.replace(/\s+/g, ' ')] : tokens(key).map((t) => t.text);
  if (!toks.length) return null;
  return { kind, tokens: toks, spaceless, common: options.common ?? false, exactCase: options.exactCase ?? null };
}

/** A name, whole and by part, and its parts for links: from one pass through the match form. */
function nameTerms(name: string): { terms: Term[]; urlParts: string[] } {
  const cleaned = clean(name).text.trim();
  const key = matchForm(cleaned);
  if (!key.text.trim()) return { terms: [], urlParts: [] };
  if (SPACELESS_RE.test(key.text)) {
    // Han, kana, Hangul, Arabic…: the whole name and each part written between spaces, as substrings.
    const whole: Term = { kind: 'person', tokens: [key.text.replace(/\s+/g, ' ')], spaceless: true, common: false, exactCase: null };
    const parts = cleaned
      .split(/\s+/)
      .filter((p) => [...p].length >= 2 && !NAME_PARTICLES.has(foldString(p)))
      .map((p): Term => ({ kind: 'person', tokens: [matchKey(p)], spaceless: SPACELESS_RE.test(p), common: false, exactCase: null }));
    return { terms: [whole, ...parts], urlParts: [] };
  }
  const words = tokens(key.text).map((t) => {
    const { start, end } = sourceSpan(key, t.start, t.end);
    return { key: t.text, plain: foldString(cleaned.slice(start, end)) };
  });
  const full: Term = { kind: 'person', tokens: words.map((w) => w.key), spaceless: false, common: false, exactCase: null };
  // Particles (de, van, bin, Ní…) and initials are not matched alone.
  const parts = words.filter((w) => !NAME_PARTICLES.has(w.plain) && [...w.plain].length >= 2);
  const partTerms = parts.map((w): Term => ({ kind: 'person', tokens: [w.key], spaceless: false, common: isCommonWord(w.plain), exactCase: null }));
  // A full name made only of common words ("Will Rose") is itself a common phrase.
  full.common = partTerms.length > 0 && partTerms.length === full.tokens.length && partTerms.every((t) => t.common);
  const compact = words.map((w) => w.key).join('');
  const urlParts = [...(compact.length >= 4 ? [compact] : []), ...words.filter((w) => w.key.length >= 4 && !isCommonWord(w.plain)).map((w) => w.key)];
  return { terms: [full, ...partTerms], urlParts };
}

function organisationTerms(org: string): Term[] {
  const terms: Term[] = [];
  const acronyms: string[] = [];
  const withoutParens = clean(org).text.replace(/\(([^)]*)\)/g, (_m, inner: string) => {
    acronyms.push(inner.trim());
    return ' ';
  });
  for (const phrase of [withoutParens, ...acronyms]) {
    const trimmed = phrase.replace(/[\s,;]+$/g, '').trim();
    if (!trimmed) continue;
    const isAcronym = /^[\p{Lu}\p{N}&.-]{2,8}$/u.test(trimmed) && /\p{Lu}/u.test(trimmed);
    if (isAcronym) {
      const bare = trimmed.replace(/[.]/g, '');
      const t = termFor('organisation', bare, { exactCase: isCommonWord(foldString(bare)) ? bare : null });
      if (t) terms.push(t);
      continue;
    }
    const parts = words(trimmed);
    // A one-word name that is an everyday word ("Orange", "Shell") is flagged only where it reads as a name.
    const full = termFor('organisation', trimmed, { common: parts.length === 1 && isEverydayWord(parts[0]!.plain) });
    if (full) terms.push(full);
    // Its first words, when one of them is distinctive: "Acme Analytics" for "Acme Analytics Ltd".
    for (let n = 2; n < parts.length; n++) {
      const prefix = parts.slice(0, n);
      if (prefix.some((p) => p.plain.length >= 3 && !isEverydayWord(p.plain) && !isPlaceWord(p.plain))) {
        terms.push({ kind: 'organisation', tokens: prefix.map((p) => p.key), spaceless: false, common: false, exactCase: null });
      }
    }
    // Distinctive words: "Safaricom" in "Safaricom PLC", "Acme" in "Acme Cloud"; never an
    // everyday word alone ("Internet" of "Internet Society", "cloud" of "Acme Cloud").
    if (parts.length > 1) {
      for (const { key, plain } of parts) {
        if (plain.length < 3 || isEverydayWord(plain) || NAME_PARTICLES.has(plain) || isPlaceWord(plain)) continue;
        terms.push({ kind: 'organisation', tokens: [key], spaceless: SPACELESS_RE.test(key), common: false, exactCase: null });
      }
    }
    // Initials of a name of three words or more: "Electronic Frontier Foundation" → EFF.
    const written = trimmed.split(/[\s,;/]+/).filter(Boolean);
    if (written.length >= 3) {
      const initials = written
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
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
  for (const name of [...roster.names, ...(roster.aliases ?? [])]) {
    const { terms, urlParts } = nameTerms(name);
    for (const t of terms) add(t);
    index.urlParts.push(...urlParts);
  }
  for (const org of roster.organisations) for (const t of organisationTerms(org)) add(t);
  return index;
}

/** A common word used as a name: capitalised, and not a sentence opening like "Will we…?". */
function plausiblyProper(text: string, start: number, end: number, toks: Token[], nextIndex: number, form: Mapped, sentences: readonly Span[]): boolean {
  if (!/^\p{Lu}/u.test(text.slice(start, end))) return false;
  const atSentenceStart = sentences.some((s) => text.slice(s.start, start).trim() === '' && start >= s.start && start < s.end);
  if (!atSentenceStart) return true;
  const next = toks[nextIndex];
  if (!next) return true;
  // Only whitespace between: "Will we" is a question, "Will, we" could be a vocative.
  const nextSpan = sourceSpan(form, next.start, next.end);
  const gap = text.slice(end, nextSpan.start);
  return !(gap.trim() === '' && PRONOUN_AFTER.has(foldString(text.slice(nextSpan.start, nextSpan.end))));
}

function inCapitals(text: string, at: number, sentences: readonly Span[]): boolean {
  const s = sentences.find((x) => at >= x.start && at < x.end) ?? { start: 0, end: text.length };
  const letters = text.slice(s.start, s.end).match(/\p{L}/gu) ?? [];
  return letters.filter((c) => /\p{Lu}/u.test(c)).length > 0.7 * letters.length;
}

const NOUN: Record<Term['kind'], EntityNoun> = { person: 'person', organisation: 'organisation' };

/** Roster matches in a clean text (offsets in it). */
export function rosterHits(text: string, index: RosterIndex, sentences: readonly Span[]): Hit[] {
  const form = matchForm(text);
  const hits: Hit[] = [];
  const toks = tokens(form.text);
  for (let i = 0; i < toks.length; i++) {
    for (const term of index.byFirstToken.get(toks[i]!.text) ?? []) {
      const n = term.tokens.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = toks[i + k]!.text === term.tokens[k];
      if (!ok) continue;
      const { start, end } = sourceSpan(form, toks[i]!.start, toks[i + n - 1]!.end);
      if (term.exactCase && text.slice(start, end).replace(/[.]/g, '') !== term.exactCase) continue;
      if (term.common && !plausiblyProper(text, start, end, toks, i + n, form, sentences)) continue;
      // "LAN coverage" with Nguyễn Thị Lan on the roster: one short word in capitals, in a sentence
      // that is not all capitals, is an acronym.
      if (term.kind === 'person' && n === 1 && /^[A-Z]{2,5}$/.test(text.slice(start, end)) && !inCapitals(text, start, sentences)) continue;
      hits.push({ kind: term.kind, start, end, noun: NOUN[term.kind] });
    }
  }
  for (const term of index.spaceless) {
    const needle = term.tokens[0]!;
    for (let at = form.text.indexOf(needle); at !== -1; at = form.text.indexOf(needle, at + 1)) {
      hits.push({ kind: term.kind, ...sourceSpan(form, at, at + needle.length), noun: NOUN[term.kind] });
    }
  }
  return hits;
}

/** Whether a link carries a roster name (amakaokafor.net). */
export function linkNamesSomeone(link: string, index: RosterIndex): boolean {
  const key = matchKey(link).replace(/[^\p{L}\p{N}]/gu, '');
  return index.urlParts.some((p) => key.includes(p));
}
