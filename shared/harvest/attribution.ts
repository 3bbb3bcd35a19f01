import nlp from 'compromise';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

/**
 * The attribution check: finds what, in a readout's texts, could point to a person under the
 * Chatham House Rule. Pure: the same texts and roster always give the same findings, with the
 * same keys, so a rapporteur's decisions stay attached across runs.
 *
 * - The session's own roster (names and organisations) is matched exactly, after folding case,
 *   accents and compatibility forms, on word boundaries (substring for scripts written without
 *   spaces). Name parts that are also common words ("Will", "Rose", "Hope") are flagged only
 *   when capitalised, where a proper noun is plausible.
 * - People not on the roster: compromise's person recogniser, titles ("Dr Okafor", "the
 *   minister", "Mme la Ministre") and capitalised names next to a verb of saying.
 * - E-mail addresses, @handles and profile links by pattern; phone numbers by libphonenumber.
 * - Attributing phrases in English and French ("as X said", "according to…", "selon…").
 */

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

type Hit = { kind: FindingKind; start: number; end: number; replacement: string };

// ───────────────────────────── folding ─────────────────────────────

/** Letters that do not decompose into a base letter and marks. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't', ŀ: 'l', Ŀ: 'l', ĸ: 'k', ς: 'σ',
  '’': "'", '‘': "'", 'ʼ': "'", '‐': '-', '‑': '-', '–': '-', '—': '-',
};
const ACCENTED_SCRIPTS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const MARK = /\p{M}/u;
/** Scripts written without spaces between words (or with particles glued to names): match as substrings. */
const SPACELESS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\p{Script=Tibetan}\\p{Script=Arabic}\\p{Script=Hebrew}';
const SPACELESS_RE = new RegExp(`[${SPACELESS}]`, 'u');
const TOKEN_RE = new RegExp(`[${SPACELESS}\\p{M}]+|(?:(?![${SPACELESS}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

export interface Folded {
  text: string;
  /** Original UTF-16 offset of each folded character, plus one for the end. */
  map: number[];
}

/**
 * Case-folds and strips accents from Latin, Greek and Cyrillic letters (keeping the marks other
 * scripts need, such as kana voicing or Devanagari vowel signs), with compatibility forms
 * (full-width letters, ligatures) unified. Keeps a map back to the original offsets.
 */
export function fold(s: string): Folded {
  let text = '';
  const map: number[] = [];
  let afterAccentable = false;
  let i = 0;
  for (const cp of s) {
    let out: string;
    if (MARK.test(cp)) {
      out = afterAccentable ? '' : cp;
    } else {
      const special = SPECIAL_FOLDS[cp];
      if (special !== undefined) {
        out = special;
        afterAccentable = true;
      } else {
        const decomposed = cp.normalize('NFKD');
        if (ACCENTED_SCRIPTS.test(decomposed[0] ?? '')) {
          out = decomposed.replace(/\p{M}/gu, '').toLowerCase();
          afterAccentable = true;
        } else {
          out = cp.normalize('NFKC').toLowerCase();
          afterAccentable = false;
        }
        out = out.replace(/ς/g, 'σ');
      }
    }
    for (const ch of out) {
      text += ch;
      for (let k = 0; k < ch.length; k++) map.push(i);
    }
    i += cp.length;
  }
  map.push(s.length);
  return { text, map };
}

export const foldString = (s: string): string => fold(s).text;

interface Token {
  text: string;
  /** Offsets in the folded text. */
  start: number;
  end: number;
}

function tokens(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

// ───────────────────────────── word lists ─────────────────────────────

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Continent', 'Demonym']);
/** Given names and surnames that are also everyday words, in English and French. */
const COMMON_NAME_WORDS = new Set(
  (
    'will rose hope grace bill may june april august mark frank joy faith dawn summer autumn max guy pat jack art chase hunter miles ' +
    'ray drew sky river page rich sandy bob ruby amber iris lily daisy holly ivy olive pearl heather violet crystal penny sunny ' +
    'victor earnest young king price long brown green white black little hill wood stone field bush rock ford gay may sage ' +
    'destiny harmony honor patience prudence constance charity mercy joy star rain storm wolf fox bear lane glen dale cliff ' +
    'pierre rose aime marguerite olive prudence constance blanche claire franc noel pascal rené sylvain'
  ).split(' '),
);
function lexiconTags(word: string): string[] {
  const tags = LEXICON[word];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}
/** A name part that is also an ordinary word: flagged only where it reads as a proper noun. */
function isCommonWord(foldedWord: string): boolean {
  if (COMMON_NAME_WORDS.has(foldedWord)) return true;
  const tags = lexiconTags(foldedWord);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}
const isPlaceWord = (foldedWord: string) => lexiconTags(foldedWord).some((t) => PLACE_TAGS.has(t));

/** Particles and titles inside names: never matched on their own. */
const NAME_PARTICLES = new Set(
  'de da di du des del della der den van von le la les el al bin bint ibn ben ni nic mac mc ap ab y e o dos das do af zu ter ten st dr prof mr mrs ms mx sir dame mme mlle m'.split(' '),
);
/** Words organisations share: an organisation is not named by "Ministry" or "Foundation" alone. */
const ORG_GENERIC = new Set(
  (
    'the of and for in on at to a an de du des la le les et pour en l d ' +
    'ministry ministere department office agency authority commission council committee board bureau service services ' +
    'government gouvernement national international global world regional local federal state public private ' +
    'university universite college school institute institut institution academy centre center foundation fondation ' +
    'association society societe union federation alliance coalition network reseau forum group groupe partnership ' +
    'company compagnie corporation corp inc ltd llc plc sa sas gmbh ag co limited holdings enterprises entreprise ' +
    'bank banque fund fonds trust organisation organization org ngo ong initiative project programme program ' +
    'health sante education digital technology technologies tech data information communication communications ' +
    'research recherche development developpement affairs policy policies rights human humain humains people ' +
    'civil civile social sociale economic economique science sciences lab labs laboratory consulting conseil ' +
    'partners associates solutions systems media news press open new united general'
  ).split(' '),
);

// ───────────────────────────── the roster ─────────────────────────────

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

interface RosterIndex {
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
  const terms: Term[] = [];
  const full = termFor('roster-name', name);
  if (!full) return terms;
  const parts = full.spaceless ? name.trim().split(/\s+/) : tokens(foldString(name)).map((t) => t.text);
  const partTerms: Term[] = [];
  for (const part of parts) {
    const folded = foldString(part);
    if (NAME_PARTICLES.has(folded)) continue;
    const spaceless = SPACELESS_RE.test(folded);
    // One Latin letter is an initial; one Han character is too ambiguous to match on its own.
    if ([...folded].length < (spaceless ? 2 : 2)) continue;
    const t = termFor('roster-name', part, { common: !spaceless && isCommonWord(folded) });
    if (t) partTerms.push(t);
  }
  // A full name made only of common words ("Will Rose") is itself a common phrase.
  full.common = partTerms.length > 0 && partTerms.length === full.tokens.length && partTerms.every((t) => t.common);
  terms.push(full, ...partTerms);
  return terms;
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
    for (const word of words) {
      const folded = foldString(word).replace(/[^\p{L}\p{N}]/gu, '');
      if (folded.length < 3 || ORG_GENERIC.has(folded) || NAME_PARTICLES.has(folded) || isPlaceWord(folded)) continue;
      if (words.length === 1) continue; // already the full name
      const t = termFor('organisation', word.replace(/[^\p{L}\p{N}\p{M}'-]/gu, ''), { common: isCommonWord(folded) });
      if (t) terms.push(t);
    }
    // Initials of a long name: "Electronic Frontier Foundation" → EFF.
    const initials = words.filter((w) => /^\p{Lu}/u.test(w) && !ORG_GENERIC.has(foldString(w)) || /^\p{Lu}/u.test(w) && words.length >= 3).map((w) => w[0]).join('');
    if (words.length >= 3 && initials.length >= 3) {
      const t = termFor('organisation', initials, { exactCase: initials });
      if (t) terms.push(t);
    }
  }
  return terms;
}

const rosterCache = new Map<string, RosterIndex>();

function rosterIndex(roster: Roster): RosterIndex {
  const fingerprint = JSON.stringify([roster.names, roster.organisations]);
  const cached = rosterCache.get(fingerprint);
  if (cached) return cached;
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
  if (rosterCache.size > 50) rosterCache.clear();
  rosterCache.set(fingerprint, index);
  return index;
}

const PRONOUN_AFTER = new Set(
  'we you they it i he she this that there the a an anyone everyone people our your not no nobody somebody someone these those us them'.split(' '),
);

function rosterHits(text: string, folded: Folded, index: RosterIndex, sentences: Span[]): Hit[] {
  const hits: Hit[] = [];
  const toks = tokens(folded.text);
  const orig = (t: Token) => ({ start: folded.map[t.start]!, end: folded.map[t.end]! });
  for (let i = 0; i < toks.length; i++) {
    for (const term of index.byFirstToken.get(toks[i]!.text) ?? []) {
      const n = term.tokens.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = toks[i + k]!.text === term.tokens[k];
      if (!ok) continue;
      const start = orig(toks[i]!).start;
      const end = orig(toks[i + n - 1]!).end;
      const surface = text.slice(start, end);
      if (term.exactCase && surface.replace(/[.]/g, '') !== term.exactCase) continue;
      if (term.common && !plausiblyProper(text, start, end, toks, i + n, folded, sentences)) continue;
      hits.push({ kind: term.kind, start, end, replacement: term.kind === 'roster-name' ? '[a participant]' : '[an organisation]' });
    }
  }
  for (const term of index.spaceless) {
    const needle = term.tokens[0]!;
    for (let at = folded.text.indexOf(needle); at !== -1; at = folded.text.indexOf(needle, at + 1)) {
      hits.push({
        kind: term.kind,
        start: folded.map[at]!,
        end: folded.map[at + needle.length]!,
        replacement: term.kind === 'roster-name' ? '[a participant]' : '[an organisation]',
      });
    }
  }
  return hits;
}

/** A common word used as a name: capitalised, and not a sentence opening like "Will we…?". */
function plausiblyProper(text: string, start: number, end: number, toks: Token[], nextIndex: number, folded: Folded, sentences: Span[]): boolean {
  if (!/^\p{Lu}/u.test(text.slice(start, end))) return false;
  const atSentenceStart = sentences.some((s) => text.slice(s.start, start).trim() === '' && start >= s.start && start < s.end);
  if (!atSentenceStart) return true;
  const next = toks[nextIndex];
  if (!next) return true;
  // Only whitespace between: "Will we" is a question, "Will, we" could be a vocative.
  const gap = text.slice(end, folded.map[next.start]!);
  return !(gap.trim() === '' && PRONOUN_AFTER.has(next.text));
}

// ───────────────────────────── sentences ─────────────────────────────

interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Pr|St|Sr|Sra|Jr|M|Mme|Mlle|Me|No|vs|etc|e\.g|i\.e|cf|approx|Hon|Rev|Gen|Col|Capt|Amb)\.$/;

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const re = /[.!?。！？…]+["»”’')\]]*(?=\s|$)|\n+/g;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && ABBREVIATIONS.test(text.slice(Math.max(0, m.index - 6), m.index + 1))) continue;
    if (text.slice(start, end).trim()) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  // Trim the leading whitespace of each sentence.
  return spans.map((s) => {
    let a = s.start;
    while (a < s.end && /\s/.test(text[a]!)) a++;
    return { start: a, end: s.end };
  });
}

// ───────────────────────────── patterns ─────────────────────────────

const EMAIL_RE = /(?<![@\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const OBFUSCATED_EMAIL_RE =
  /[\p{L}\p{N}._+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s(?:at|arobase)\s)\s*[\p{L}\p{N}-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s(?:dot|point)\s)\s*[\p{L}\p{N}-]+)+/giu;
const HANDLE_RE = /(?<![\p{L}\p{N}_.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\bmailto:[^\s<>"]+|\b(?:[a-z0-9-]+\.)*(?:linkedin\.com|twitter\.com|x\.com|github\.com|gitlab\.com|facebook\.com|fb\.com|instagram\.com|tiktok\.com|medium\.com|youtube\.com|t\.me|wa\.me|bsky\.app|threads\.net|about\.me|linktr\.ee|keybase\.io|orcid\.org|researchgate\.net|mastodon\.[a-z]+)\/[^\s<>"]+/giu;
/** Bare domains ("amakaokafor.net"): reported only when they carry a roster name. */
const BARE_DOMAIN_RE = /(?<![\p{L}\p{N}@./-])(?:[\p{L}\p{N}-]+\.)+(?:com|net|org|info|io|me|blog|site|dev|co|page|xyz|online|fr|de|uk|ke|ng|za|in|jp|be|ch|ca|au|nl|es|it|pt|br|rw|sn|eu)(?:\/[^\s<>"]*)?(?![\p{L}\p{N}])/giu;
const PROFILE_PATH =
  /(?:linkedin\.com\/(?:in|pub)\/|(?:^|[./])(?:twitter|x)\.com\/(?!(?:search|home|i|hashtag|intent|share)\b)[A-Za-z0-9_]|github\.com\/[A-Za-z0-9-]|gitlab\.com\/[A-Za-z0-9-]|(?:facebook|fb|instagram)\.com\/[A-Za-z0-9.]|tiktok\.com\/@|medium\.com\/@|youtube\.com\/(?:@|c\/|user\/|channel\/)|(?:^|[./])t\.me\/|wa\.me\/|bsky\.app\/profile\/|threads\.net\/@|about\.me\/|linktr\.ee\/|keybase\.io\/|orcid\.org\/|researchgate\.net\/profile\/|\/~[A-Za-z0-9]|\/@[A-Za-z0-9_]|[?&](?:user|u|profile|author)=)/i;
const PHONE_COUNTRIES: CountryCode[] = ['US', 'GB', 'FR', 'DE', 'KE', 'NG', 'IN', 'ZA', 'BR', 'JP', 'AU', 'CA'];
const INTERNATIONAL_PHONE_RE = /(?<![\p{L}\p{N}+])(?:\+|00)\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?![\p{L}\p{N}])/gu;

/** Unicode word edges: `\b` only knows ASCII letters. */
const WB = '(?<![\\p{L}\\p{M}\\p{N}])';
const WE = '(?![\\p{L}\\p{M}\\p{N}])';

/** A word list as a case-insensitive pattern, so the rest of a regex can tell capitals apart (no `i` flag). */
function ci(list: string): string {
  return `(?:${list.replace(/\p{L}/gu, (ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch))})`;
}

const TITLES = 'Dr|Drs|Prof|Professor|Mr|Mrs|Ms|Mx|Miss|Sir|Dame|Lord|Lady|Rev|Hon|Mme|Mlle|Madame|Mademoiselle|Monsieur|M|Pr|Docteur|Maître|Herr|Frau|Señor|Señora|Sr|Sra|Dona|Dom|Sheikh|Imam|Rabbi|Pastor|Father|Sister';
const ROLE_TITLES =
  'Minister|Deputy Minister|Ambassador|President|Vice-President|Senator|Governor|Mayor|Judge|Justice|Commissioner|Secretary-General|Director-General|Chief|Colonel|Captain|Ministre|Ambassadeur|Ambassadrice|Président|Présidente|Sénateur|Sénatrice|Député|Députée|Maire|Préfet|Préfète|Professeur';
const CAP_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
const CAP_NAME = `${CAP_WORD}(?:\\s+${CAP_WORD}){0,2}`;
const TITLED_NAME_RE = new RegExp(`${WB}(?:${TITLES})\\.?\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`, 'gu');
const ROLE_NAME_RE = new RegExp(`${WB}(?:${ROLE_TITLES})\\s+${CAP_WORD}(?:\\s+${CAP_WORD})?`, 'gu');
const OF_CAP = (of: string) => `(?:\\s+(?:${of})\\s*(?:${ci('the')}\\s+|${ci('la')}\\s+|${ci("l['’]")})?${CAP_WORD}(?:\\s+(?:of\\s+|de\\s+|du\\s+|des\\s+)?${CAP_WORD})*)?`;
/** Roles held by one identifiable person: "the minister", "Mme la Ministre", "the CEO of Acme". */
const ROLE_REFERENCE_RE = new RegExp(
  [
    `${WB}${ci('the|our|their|your')}\\s+(?:${ci('deputy|vice|former|junior')}\\s+)?${ci('minister|ambassador|ceo|mayor|governor|senator|commissioner|secretary-general|director-general|permanent secretary|chief executive|prime minister')}${WE}${OF_CAP('of|for|from')}`,
    `${WB}${ci('the')}\\s+${ci('head|director|chair|president|founder|boss')}\\s+(?:of|at)\\s+(?:the\\s+)?${CAP_WORD}(?:\\s+(?:of\\s+)?${CAP_WORD})*`,
    `${WB}(?:Mme|Madame|M\\.|Monsieur)\\s+(?:la|le|l['’])\\s*${ci('ministre|ambassadrice|ambassadeur|présidente|président|directrice|directeur|maire|préfète|préfet|sénatrice|sénateur|députée|député')}${WE}${OF_CAP("de|du|des|d['’]")}`,
    `${WB}${ci("le|la|l['’]")}\\s*${ci('ministre|ambassadeur|ambassadrice|maire|préfet|préfète')}${WE}${OF_CAP("de|du|des|d['’]")}`,
  ].join('|'),
  'gu',
);

const SAYING_EN = ci(
  'said|says|argued|argues|noted|notes|pointed out|points out|stated|states|claimed|claims|insisted|insists|explained|explains|mentioned|mentions|suggested|suggests|emphasised|emphasized|emphasises|emphasizes|stressed|stresses|told us|tells us|reminded us|remarked|observed|warned|proposed|proposes|disagreed|agreed|objected|asked|added|put it|thinks|thought|believes|believed|shared|recalled',
);
const SAYING_FR = ci(
  "a dit|a souligné|a affirmé|a rappelé|a expliqué|a noté|a fait remarquer|a indiqué|a estimé|a insisté|a proposé|a suggéré|a mentionné|a déclaré|a précisé|a ajouté|a contesté|pense|estime|souligne|affirme|rappelle|explique",
);
const ROLE_NOUNS_EN =
  'representative|rep|delegate|delegation|envoy|spokesperson|spokesman|spokeswoman|minister|ambassador|director|head|ceo|chair|official|officer|member|woman|man|guy|lady|gentleman|colleague|person|speaker|expert|researcher|professor|participant|boss|founder|manager|advisor|adviser|consultant|lawyer|doctor|nurse|teacher|activist|journalist|student|engineer';
const ROLE_NOUNS_FR =
  'représentant|représentante|délégué|déléguée|délégation|ministre|ambassadeur|ambassadrice|directeur|directrice|porte-parole|responsable|président|présidente|collègue|expert|experte|chercheur|chercheuse|participant|participante|dame|monsieur|homme|femme|conseiller|conseillère|avocat|avocate|militante|militant|journaliste|ingénieur|ingénieure|professeur|professeure|maire';
/** Subjects that point to nobody. */
const ANONYMOUS_SUBJECT = new RegExp(
  `^(?:we|i|you|they|he|she|it|one|someone|somebody|everyone|everybody|nobody|no one|people|participants?|(?:a|one|another|some|several|many|most|few|other)\\s+(?:participants?|people|voices?|attendees?|members?|of us|of them)|others|many|some|several|most|all|this|that|these|those|the group|the table|the room|was|has been|it was|is|are|nous|moi|vous|eux|elles|on|toi|lui|elle|certains|certaines|plusieurs|beaucoup|tous|toutes|un participant|une participante|les participants|le groupe|la table|les données|le rapport|l['’]étude|the data|the report|the survey|the study|research|studies|evidence|the evidence|the law|la loi)$`,
  'iu',
);
const ROLE_NOUN_RE = new RegExp(`${WB}(?:${ROLE_NOUNS_EN}|${ROLE_NOUNS_FR})s?${WE}`, 'iu');
const DETERMINER = /^(?:the|a|an|our|my|their|your|le|la|les|un|une|mon|ma|notre|leur)$/i;

/** Whether a subject points to someone: a capitalised name, a title or a role; not "we" or "the data". */
function pointsToSomeone(subject: string, atSentenceStart: boolean): boolean {
  const s = subject.trim().replace(/[,;:]+$/, '');
  if (!s || ANONYMOUS_SUBJECT.test(s)) return false;
  const words = s.split(/\s+/);
  const capitalised = words.some((w, i) => /^\p{Lu}/u.test(w) && w !== 'I' && !(i === 0 && atSentenceStart && (DETERMINER.test(w) || ANONYMOUS_SUBJECT.test(w))));
  return capitalised || ROLE_NOUN_RE.test(s);
}

const cap = (s: string, upper: boolean) => (upper ? s[0]!.toUpperCase() + s.slice(1) : s);
const verbAtEnd = (m: string, verbs: string, fallback: string) => new RegExp(`(?:${verbs})$`, 'u').exec(m)?.[0].toLowerCase() ?? fallback;

interface AttributionRule {
  re: RegExp;
  /** Index of the subject group, checked with pointsToSomeone; 0 to accept every match. */
  subject: number;
  replacement: (m: RegExpMatchArray) => string;
}

const SUBJ = "(?:[\\p{L}\\p{M}.'’-]+\\s+){0,5}?[\\p{L}\\p{M}.'’-]+";
const CLAUSE_END = "(?=\\s*(?:[,;:.!?)]|$))";
const ATTRIBUTION_RULES: AttributionRule[] = [
  // as the minister said / as Amaka put it
  { re: new RegExp(`${WB}${ci('as')}\\s+(${SUBJ})\\s+(?:${SAYING_EN})${WE}`, 'gu'), subject: 1, replacement: (m) => cap('as was said', /^A/.test(m[0])) },
  // according to the representative from…
  {
    re: new RegExp(`${WB}${ci('according to')}\\s+(${SUBJ})${CLAUSE_END}`, 'gu'),
    subject: 1,
    replacement: (m) => cap('according to one participant', /^A/.test(m[0])),
  },
  // the representative of / from the Ministry
  {
    re: new RegExp(`${WB}${ci('the|a|an')}\\s+${ci('representative|rep|delegate|delegation|envoy|spokesperson|spokesman|spokeswoman')}s?\\s+(?:of|from|for)\\s+(?:the\\s+)?[\\p{L}\\p{M}'’-]+(?:\\s+(?:of\\s+)?${CAP_WORD})*`, 'gu'),
    subject: 0,
    replacement: (m) => cap('a participant', /^\p{Lu}/u.test(m[0])),
  },
  // the woman from Acme argued / the guy at the Ministry said
  {
    re: new RegExp(`${WB}${ci('the|a|an|our|my')}\\s+${ci(ROLE_NOUNS_EN)}\\s+(?:from|of|at|with)\\s+(?:[\\p{L}\\p{M}'’-]+\\s+){1,4}?(?:${SAYING_EN})${WE}`, 'gu'),
    subject: 0,
    replacement: (m) => cap('one participant ' + verbAtEnd(m[0], SAYING_EN, 'said'), /^\p{Lu}/u.test(m[0])),
  },
  // Amaka Okafor argued / Dr Okafor noted
  {
    re: new RegExp(`${WB}((?:(?:${TITLES})\\.?\\s+)?${CAP_NAME})\\s+(?:${SAYING_EN})${WE}`, 'gu'),
    subject: 1,
    replacement: (m) => cap('one participant ' + verbAtEnd(m[0], SAYING_EN, 'said'), false),
  },
  // per Hana, the timeline… (a capitalised subject only: "per year" and "per capita" point to nobody)
  {
    re: new RegExp(`${WB}${ci('per')}\\s+(${SUBJ})${CLAUSE_END}`, 'gu'),
    subject: 1,
    replacement: (m) => cap('per one participant', /^P/.test(m[0])),
  },
  // selon la ministre / d'après Amaka
  {
    re: new RegExp(`${WB}${ci("selon|d['’]après")}\\s+(${SUBJ})${CLAUSE_END}`, 'gu'),
    subject: 1,
    replacement: (m) => cap(/^selon/i.test(m[0]) ? 'selon un participant' : 'd’après un participant', /^\p{Lu}/u.test(m[0])),
  },
  // comme l'a dit Amaka / comme l'a souligné le représentant de…
  {
    re: new RegExp(
      `${WB}${ci('comme')}\\s+(?:l['’]a|l['’]ont|le\\s+disait|le\\s+dit|le\\s+souligne)\\s*(?:dit|souligné|rappelé|noté|expliqué|fait\\s+remarquer|affirmé|indiqué|mentionné|suggéré|déclaré)?\\s+(${SUBJ})${CLAUSE_END}`,
      'gu',
    ),
    subject: 1,
    replacement: (m) => cap('comme cela a été dit', /^\p{Lu}/u.test(m[0])),
  },
  // la représentante du Ministère… / le délégué de…
  {
    re: new RegExp(
      `${WB}${ci("le|la|l['’]|les")}\\s*${ci('représentant|représentante|représentants|délégué|déléguée|délégation|porte-parole|directeur|directrice|responsable|président|présidente')}${WE}\\s*(?:de|du|des|d['’])\\s*(?:la\\s+|l['’])?[\\p{L}\\p{M}'’-]+(?:\\s+(?:de\\s+|du\\s+|des\\s+)?${CAP_WORD})*`,
      'gu',
    ),
    subject: 0,
    replacement: (m) => cap('un participant', /^\p{Lu}/u.test(m[0])),
  },
  // Amaka a dit que… / Mme Diallo a souligné…
  {
    re: new RegExp(`${WB}((?:(?:${TITLES})\\.?\\s+)?${CAP_NAME})\\s+(?:${SAYING_FR})${WE}`, 'gu'),
    subject: 1,
    replacement: (m) => 'un participant ' + verbAtEnd(m[0], SAYING_FR, 'a dit'),
  },
];

function attributionHits(text: string, sentences: Span[]): Hit[] {
  const hits: Hit[] = [];
  const sentenceStart = (at: number) => sentences.some((s) => s.start === at);
  for (const rule of ATTRIBUTION_RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      if (rule.subject) {
        const subject = m[rule.subject] ?? '';
        const subjectAt = m.index + m[0].indexOf(subject);
        if (!pointsToSomeone(subject, sentenceStart(subjectAt))) continue;
      }
      const matched = m[0].replace(/[\s,;:]+$/u, '');
      hits.push({ kind: 'attribution', start: m.index, end: m.index + matched.length, replacement: rule.replacement(m) });
      // "according to Hana", "selon Diallo": a bare capitalised name as the source is a person.
      const subject = rule.subject ? m[rule.subject] : undefined;
      const before = text.slice(Math.max(0, m.index - 6), m.index);
      if (subject && !/(?:^|\s)(?:of|the|de|du|des|la|le|for|and)\s+$/i.test(before) && /^\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*){0,2}$/u.test(subject) && !ANONYMOUS_SUBJECT.test(subject)) {
        const at = m.index + m[0].indexOf(subject, m[0].length - subject.length - 40 > 0 ? m[0].length - subject.length - 40 : 0);
        hits.push({ kind: 'person-name', start: at, end: at + subject.length, replacement: '[name withheld]' });
      }
    }
  }
  return hits;
}

function personHits(text: string, sentences: Span[]): Hit[] {
  const hits: Hit[] = [];
  const push = (start: number, end: number) => {
    let e = end;
    while (e > start && /[\s.,;:!?'’")\]]/u.test(text[e - 1]!)) e--;
    // Keep the dot of "Dr." out only when nothing follows the title.
    if (e > start) hits.push({ kind: 'person-name', start, end: e, replacement: '[name withheld]' });
  };
  const doc = nlp(text);
  for (const person of doc.people().json({ offset: true }) as { text: string; offset: { start: number; length: number } }[]) {
    const start = person.offset.start;
    const surface = text.slice(start, start + person.offset.length);
    // compromise tags lone capitalised pronoun-like words now and then; a person has letters.
    if (!/\p{L}{2,}/u.test(surface) || !/^\p{Lu}/u.test(surface)) continue;
    push(start, start + person.offset.length);
  }
  for (const re of [TITLED_NAME_RE, ROLE_NAME_RE, ROLE_REFERENCE_RE]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      // "M" alone is a title only with its dot: "M. Dupont".
      if (/^M\s/.test(m[0])) continue;
      push(m.index, m.index + m[0].length);
    }
  }
  // Two or three capitalised words next to a verb of saying: "Chidi Okonkwo argued".
  const SAYING = new RegExp(`${WB}(\\p{Lu}[\\p{Ll}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{Ll}\\p{M}'’-]+){0,2})\\s+(?:${SAYING_EN}|${SAYING_FR})${WE}`, 'gu');
  for (const m of text.matchAll(SAYING)) {
    const subject = m[1]!;
    // "the Ministry of Finance objected": the end of a longer name, not a person.
    if (/(?:^|\s)(?:of|the|de|du|des|la|le|for|and)\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    const atStart = sentences.some((s) => s.start === m.index);
    if (!pointsToSomeone(subject, atStart)) continue;
    const first = subject.split(/\s+/)[0]!;
    if (atStart && /^(?:The|A|An|Our|My|Le|La|Les|Un|Une)$/.test(first)) continue;
    push(m.index, m.index + subject.length);
  }
  return hits;
}

function contactHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const trimEnd = (start: number, raw: string) => {
    let s = raw;
    while (/[.,;:!?)\]}'"’»]$/.test(s)) s = s.slice(0, -1);
    return { start, end: start + s.length, s };
  };
  for (const m of text.matchAll(EMAIL_RE)) hits.push({ kind: 'email', start: m.index, end: m.index + m[0].length, replacement: '[e-mail withheld]' });
  for (const m of text.matchAll(OBFUSCATED_EMAIL_RE)) {
    if (!/(?:dot|point)/i.test(m[0])) continue;
    hits.push({ kind: 'email', start: m.index, end: m.index + m[0].length, replacement: '[e-mail withheld]' });
  }
  for (const m of text.matchAll(URL_RE)) {
    const { start, end, s } = trimEnd(m.index, m[0]);
    if (/^mailto:/i.test(s) || PROFILE_PATH.test(s)) hits.push({ kind: 'url', start, end, replacement: '[link withheld]' });
    else hits.push({ kind: 'url', start, end, replacement: '[link withheld]', generic: true } as Hit & { generic: true });
  }
  for (const m of text.matchAll(BARE_DOMAIN_RE)) {
    const { start, end } = trimEnd(m.index, m[0]);
    if (!hits.some((h) => h.kind === 'url' && overlaps(h, { start, end }))) hits.push({ kind: 'url', start, end, replacement: '[link withheld]', generic: true } as Hit & { generic: true });
  }
  for (const m of text.matchAll(HANDLE_RE)) hits.push({ kind: 'handle', start: m.index, end: m.index + m[0].length, replacement: '[handle withheld]' });
  const phones = new Map<number, number>();
  for (const country of PHONE_COUNTRIES) {
    for (const found of findPhoneNumbersInText(text, { defaultCountry: country })) {
      phones.set(found.startsAt, Math.max(phones.get(found.startsAt) ?? 0, found.endsAt));
    }
  }
  for (const m of text.matchAll(INTERNATIONAL_PHONE_RE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15) phones.set(m.index, Math.max(phones.get(m.index) ?? 0, m.index + m[0].length));
  }
  // Dates and reference numbers that happen to parse as phone numbers: 2023-0412-77, 2024.03.12.
  for (const [start, end] of phones) if (/^(?:19|20)\d\d[-./]/.test(text.slice(start, end))) phones.delete(start);
  for (const [start, end] of phones) hits.push({ kind: 'phone', start, end, replacement: '[phone number withheld]' });
  return hits;
}

// ───────────────────────────── putting it together ─────────────────────────────

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const within = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;

/** Findings in one text, without keys: sorted, and with overlaps of the same kind resolved. */
export function scanText(text: string, roster: Roster): Hit[] {
  const index = rosterIndex(roster);
  const folded = fold(text);
  const sentences = sentenceSpans(text);
  const contacts = contactHits(text);
  const rosterFound = rosterHits(text, folded, index, sentences);
  let all: (Hit & { generic?: boolean })[] = [...contacts, ...rosterFound, ...personHits(text, sentences), ...attributionHits(text, sentences)];

  const containers = all.filter((h) => h.kind === 'email' || h.kind === 'url' || h.kind === 'handle');
  // A link is personal when it is a profile, or carries a roster name (amakaokafor.com).
  all = all.filter((h) => {
    if (h.kind !== 'url' || !h.generic) return true;
    const foldedUrl = foldString(text.slice(h.start, h.end)).replace(/[^\p{L}\p{N}]/gu, '');
    return index.urlParts.some((p) => foldedUrl.includes(p));
  });
  all = all.filter((h) => {
    // What sits inside an e-mail address, a link or a handle goes with it.
    if (h.kind === 'email' && containers.some((c) => c.kind === 'url' && c !== h && within(h, c) && !('generic' in c && c.generic))) return false;
    if (h.kind === 'handle' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if (h.kind === 'phone' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if ((h.kind === 'roster-name' || h.kind === 'organisation' || h.kind === 'person-name') && containers.some((c) => c.kind !== 'url' || !('generic' in c && c.generic) ? within(h, c) : false)) return false;
    // The roster knows better than a guess: a roster name is not also reported as some person.
    if (h.kind === 'person-name' && rosterFound.some((r) => (r.kind === 'roster-name' ? overlaps(h, r) : within(h, r)))) return false;
    return true;
  });
  // Within a kind, keep the longest of overlapping matches.
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of all) {
    if (kept.some((k) => k.kind === h.kind && overlaps(k, h))) continue;
    kept.push({ kind: h.kind, start: h.start, end: h.end, replacement: h.replacement });
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
}

const scanCache = new Map<string, Hit[]>();

const rosterKey = (roster: Roster) => hash(JSON.stringify([roster.names, roster.organisations]));

function scanCached(text: string, roster: Roster, key: string): Hit[] {
  const cacheKey = `${key}\u0000${text}`;
  const cached = scanCache.get(cacheKey);
  if (cached) return cached;
  const hits = scanText(text, roster);
  if (scanCache.size > 20_000) scanCache.clear();
  scanCache.set(cacheKey, hits);
  return hits;
}

/** 106 bits of two seeded 53-bit string hashes (cyrb53): stable everywhere, no crypto needed. */
export function hash(s: string): string {
  const one = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
  };
  return one(1) + one(2);
}

/** Checks every text that goes into a readout. Findings come in text order, then position. */
export function checkTexts(texts: readonly ReadoutText[], roster: Roster): Finding[] {
  const findings: Finding[] = [];
  const key = rosterKey(roster);
  for (const { source, text } of texts) {
    const sentences = sentenceSpans(text);
    const seen = new Map<string, number>();
    for (const hit of scanCached(text, roster, key)) {
      const match = text.slice(hit.start, hit.end);
      const identity = `${hit.kind}\u0000${foldString(match)}`;
      const occurrence = seen.get(identity) ?? 0;
      seen.set(identity, occurrence + 1);
      const sentence = sentences.find((s) => hit.start >= s.start && hit.start < s.end) ?? { start: 0, end: text.length };
      const sentenceText = text.slice(sentence.start, sentence.end);
      const replacement = hit.start === sentence.start && /^\p{Ll}/u.test(hit.replacement) ? hit.replacement[0]!.toUpperCase() + hit.replacement.slice(1) : hit.replacement;
      findings.push({
        key: `f${hash(`${source}\u0000${identity}\u0000${occurrence}`)}`,
        source,
        kind: hit.kind,
        match,
        start: hit.start,
        end: hit.end,
        sentence: sentenceText,
        suggestion: sentenceText.slice(0, hit.start - sentence.start) + replacement + sentenceText.slice(hit.end - sentence.start),
        replacement,
      });
    }
  }
  return findings;
}

/** The text with one finding's suggested redaction applied. */
export function redact(text: string, finding: Pick<Finding, 'start' | 'end' | 'replacement' | 'match'>): string {
  if (text.slice(finding.start, finding.end) !== finding.match) throw new Error('The text changed since the check ran.');
  return text.slice(0, finding.start) + finding.replacement + text.slice(finding.end);
}

/** Every finding of a text redacted at once (for texts shown before a rapporteur has looked). */
export function redactAll(text: string, roster: Roster): string {
  let out = text;
  const hits = scanCached(text, roster, rosterKey(roster));
  // Right to left, outermost first, so earlier offsets stay valid and nested matches go with their container.
  const outer = hits.filter((h) => !hits.some((o) => o !== h && within(h, o) && (o.end - o.start > h.end - h.start)));
  const disjoint: Hit[] = [];
  for (const h of outer.sort((a, b) => a.start - b.start || b.end - a.end)) if (!disjoint.some((d) => overlaps(d, h))) disjoint.push(h);
  for (const h of disjoint.sort((a, b) => b.start - a.start)) out = out.slice(0, h.start) + h.replacement + out.slice(h.end);
  return out;
}
