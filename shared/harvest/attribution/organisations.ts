import type { Entities } from './entities.ts';
import { foldString } from './fold.ts';
import { alternation, ci, ROLE_NOUNS_EN, WB } from './patterns.ts';
import type { EntityNoun, Hit, Span } from './types.ts';
import { GOVERNMENT_ACRONYMS, headNoun, isEverydayWord, isFrenchHead, isPlaceWord, KNOWN_ACRONYMS, NOT_ORGANISATIONS } from './words.ts';

/**
 * Organisations whether or not they are on the roster:
 * - institutions by their shape: a capitalised phrase around a head noun ("the German Federal
 *   Foreign Office", "Ford Foundation", "Banque mondiale", "ministère de la Santé");
 * - acronyms: those that name one body ("BMZ", "DG CONNECT", "ITU") wherever they appear; any
 *   other only where it stands for who said something ("from the NCA", "selon l'ARTP");
 * - compromise's organisation recogniser ("Microsoft", "Google");
 * - the patterns policy people use for where someone comes from: "works at X", "someone from X",
 *   "X's position", "la position de X", "chez X".
 */

interface Word extends Span {
  text: string;
}
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-&.][\p{L}\p{M}\p{N}]+)*/gu;
const wordsOf = (text: string): Word[] => [...text.matchAll(WORD_RE)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));

const CONNECTORS_EN = new Set(['of', 'for', 'and', 'on', 'the']);
const CONNECTORS_FR = new Set(['de', 'du', 'des', 'la', 'le', 'l', 'd', 'et', 'pour', 'en']);
const FRENCH_ADJECTIVES = new Set(
  'générale général nationale national nationales mondiale mondial européenne européen africaine africain internationale international fédérale fédéral publique public numérique centrale central étrangères étrangers extérieures supérieure supérieur régionale régional locale local populaire sociale social économique économiques technique unies unis'.split(
    ' ',
  ),
);
const DETERMINERS = new Set(['the', 'The', 'la', 'La', 'le', 'Le', 'les', 'Les', 'l', 'L']);
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isAllCaps = (w: string) => /^[\p{Lu}\p{N}&.-]{2,}$/u.test(w) && (w.match(/\p{Lu}/gu)?.length ?? 0) >= 2;

/** A sentence in capitals is shouting, not a list of acronyms. */
function shouting(text: string, at: number, sentences: readonly Span[]): boolean {
  const s = sentences.find((x) => at >= x.start && at < x.end);
  if (!s) return false;
  const letters = text.slice(s.start, s.end).match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => /\p{Lu}/u.test(c)).length;
  return letters.length >= 12 && upper / letters.length > 0.7;
}

// ───────── institutions by their shape ─────────

function institutions(text: string, words: Word[], push: (start: number, end: number, noun: EntityNoun) => void) {
  const adjacent = (a: Word, b: Word) => /^\s+$|^['’]$|^\s*['’]\s*$/u.test(text.slice(a.end, b.start));
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    const frenchLowerHead = !isCapitalised(first.text) && isFrenchHead(first.text);
    if (!isCapitalised(first.text) && !frenchLowerHead) {
      i++;
      continue;
    }
    // Grow the run: capitalised words, connectors between them, French adjectives and complements.
    const run: Word[] = [first];
    let french = isFrenchHead(first.text);
    let j = i + 1;
    while (j < words.length && adjacent(words[j - 1]!, words[j]!)) {
      const w = words[j]!.text;
      const prev = run.at(-1)!.text;
      const afterConnector = CONNECTORS_FR.has(prev) || CONNECTORS_EN.has(prev);
      if (isCapitalised(w)) {
        if (isFrenchHead(w)) french = true;
      } else if ((w === 'and' || w === 'et') && headNoun(prev)) {
        break; // "the Internet Society and ISOC": two names, not one
      } else if (CONNECTORS_EN.has(w) || CONNECTORS_FR.has(w)) {
        // a connector joins only when more of the name follows
      } else if (french && FRENCH_ADJECTIVES.has(w)) {
        // "Banque mondiale", "Direction générale"
      } else if (french && afterConnector && !CONNECTORS_FR.has(w)) {
        // "Direction générale des entreprises"
      } else break;
      run.push(words[j]!);
      j++;
    }
    while (run.length > 1 && (CONNECTORS_EN.has(run.at(-1)!.text) || CONNECTORS_FR.has(run.at(-1)!.text))) run.pop();
    // A leading determiner is not part of the name ("The Ministry…", "La Banque…").
    while (run.length > 1 && DETERMINERS.has(run[0]!.text)) run.shift();
    const heads = run.map((w) => headNoun(w.text)).filter((h) => h !== null);
    // "Amnesty International", "Privacy International": the NGOs' naming pattern, last word only.
    if (!heads.length && run.length >= 2 && run.at(-1)!.text === 'International') heads.push('organisation');
    const capitals = run.filter((w) => isCapitalised(w.text) && !DETERMINERS.has(w.text)).length;
    const frenchShape = run.some((w) => isFrenchHead(w.text)) && run.length >= 2 && capitals >= 1;
    const lowerHeadOnly = !isCapitalised(run[0]!.text) && capitals === 0;
    if (heads.length && !lowerHeadOnly && (capitals >= 2 || frenchShape)) {
      push(run[0]!.start, run.at(-1)!.end, heads.includes('government') ? 'government' : 'organisation');
    }
    i = Math.max(j, i + 1);
  }
}

// ───────── acronyms ─────────

const ATTRIBUTIVE_BEFORE = new RegExp(
  `(?:${ci('from|at|with|chez|of|par|selon|according to|per|de|du|des|au|à')})\\s+(?:${ci('the|la|le|les')}\\s+|${ci("l['’]|d['’]")})?(?:\\p{Lu}[\\p{L}-]*\\s+){0,2}$`,
  'u',
);
const POSITION_AFTER =
  /^['’]s?\s+(?:position|view|views|stance|proposal|line|submission|statement|delegation|representatives?|team|people|experts?|staff|ceo|spokesperson|argument|concern|concerns)\b/iu;
const SAYING_AFTER =
  /^\s+(?:said|says|argued|argues|noted|thinks|believes|wants|insisted|claimed|stressed|objected|disagreed|pense|estime|a dit|a souligné|affirme)\b/u;

function acronyms(text: string, words: Word[], sentences: readonly Span[], push: (start: number, end: number, noun: EntityNoun) => void) {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "DG CONNECT", "DG GROW": the Commission's directorates-general.
    if (w.text === 'DG' && words[i + 1] && /^[A-Z]{3,}$/.test(words[i + 1]!.text) && /^\s+$/.test(text.slice(w.end, words[i + 1]!.start))) {
      push(w.start, words[i + 1]!.end, 'government');
      i++;
      continue;
    }
    const two = words[i + 1] ? `${w.text} ${words[i + 1]!.text}` : '';
    if (two && KNOWN_ACRONYMS.has(two)) {
      push(w.start, words[i + 1]!.end, GOVERNMENT_ACRONYMS.has(two) ? 'government' : 'organisation');
      i++;
      continue;
    }
    if (KNOWN_ACRONYMS.has(w.text)) {
      push(w.start, w.end, GOVERNMENT_ACRONYMS.has(w.text) ? 'government' : 'organisation');
      continue;
    }
    if (
      !isAllCaps(w.text) ||
      NOT_ORGANISATIONS.has(w.text) ||
      NOT_ORGANISATIONS.has(w.text.replace(/s$/, '')) ||
      /^[IVXLC]+$/.test(w.text) ||
      /^\d/.test(w.text)
    )
      continue;
    if (shouting(text, w.start, sentences)) continue;
    const before = text.slice(Math.max(0, w.start - 40), w.start);
    const after = text.slice(w.end, w.end + 40);
    if (ATTRIBUTIVE_BEFORE.test(before) || POSITION_AFTER.test(after) || SAYING_AFTER.test(after)) push(w.start, w.end, 'organisation');
  }
}

// ───────── where someone comes from ─────────

const CAP_SEQ = "\\p{Lu}[\\p{L}\\p{M}\\p{N}&.-]*(?:\\s+(?:(?:of|for|and|de|du|des|la|l['’])\\s+)?\\p{Lu}[\\p{L}\\p{M}\\p{N}&.-]*){0,4}";
const CONTEXTS = [
  `${WB}(?:${ci('works?|worked|working|travaille|travaillent|travaillait')}\\s+(?:${ci('at|for|with|chez|pour|à|au')})|${ci('was|were|been')}\\s+${ci('at|with')})\\s+(?:${ci('the|la|le')}\\s+|${ci("l['’]")})?(${CAP_SEQ})`,
  `${WB}(?:${ci(`someone|somebody|nobody|no one|anyone|everyone|people|colleagues?|partners?|friends?|staff|officials?|representatives?|delegates?|members?|${ROLE_NOUNS_EN}`)})\\s+(?:from|at|with)\\s+(?:the\\s+)?(${CAP_SEQ})`,
  `${WB}${ci('heard|met|spoke|talked|speaking')}\\s+(?:from|with|to)\\s+(?:people\\s+from\\s+)?(?:the\\s+)?(${CAP_SEQ})`,
  `${WB}${ci('chez')}\\s+(${CAP_SEQ})`,
  `${WB}(?:${ci(alternation(['position', 'avis', 'proposition', 'point de vue', 'représentant', 'représentante', 'délégué', 'déléguée', 'porte-parole']))})\\s+(?:de|du|des|d['’])\\s*(?:la\\s+|l['’])?(${CAP_SEQ})`,
].map((p) => new RegExp(p, 'gu'));
/** "Brazil's position", "the EU's delegation": a country's position is its government's. */
const POSITION_OF = new RegExp(
  `(${CAP_SEQ})(?=['’]s?\\s+(?:position|view|views|stance|proposal|line|submission|statement|delegation|representatives?|team|experts?|staff|spokesperson)\\b)`,
  'gu',
);
/** "Ericsson's mobility report": a source named by its publisher (a place's report is not an organisation's). */
const PUBLISHER = new RegExp(`(${CAP_SEQ})(?=['’]s?\\s+(?:[\\p{L}-]+\\s+)?(?:report|reports|figures|data|survey|study|research|numbers|statistics)\\b)`, 'gu');

const MONTHS_AND_DAYS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)$/;

function contexts(text: string, push: (start: number, end: number, noun: EntityNoun) => void) {
  for (const m of text.matchAll(PUBLISHER)) {
    const name = m[1]!;
    if (!/\s/.test(name) && (isPlaceWord(foldString(name)) || isEverydayWord(foldString(name)))) continue;
    push(m.index, m.index + name.length, 'organisation');
  }
  for (const re of [...CONTEXTS, POSITION_OF]) {
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const at = m.index + m[0].lastIndexOf(name);
      const single = !/\s/.test(name);
      const folded = foldString(name);
      if (MONTHS_AND_DAYS.test(name) || NOT_ORGANISATIONS.has(name)) continue;
      // "du Ministère": a generic head noun alone names no one in particular ("the Treasury" does).
      if (single && headNoun(name) && isEverydayWord(folded)) continue;
      // "from Kenya", "at Nairobi": a place, not an organisation ("Kenya's position" is its government's).
      if (single && isPlaceWord(folded) && re !== POSITION_OF) continue;
      // An everyday word is a name only where it cannot be a sentence's capital: "chez Orange", not "Orange is…".
      const opening = /(?:^|[.!?:;])\s*$/u.test(text.slice(0, at));
      if (single && isEverydayWord(folded) && !/^\p{Lu}{2,}$/u.test(name) && opening) continue;
      push(at, at + name.length, 'organisation');
    }
  }
}

// ───────── together ─────────

export function organisationHits(text: string, sentences: readonly Span[], found: Entities): Hit[] {
  const hits: Hit[] = [];
  const push = (start: number, end: number, noun: EntityNoun) => {
    if (end > start) hits.push({ kind: 'organisation', start, end, noun });
  };
  const weak = (start: number, end: number, noun: EntityNoun) => {
    if (end > start) hits.push({ kind: 'organisation', start, end, noun, weak: true });
  };
  const words = wordsOf(text);
  institutions(text, words, push);
  acronyms(text, words, sentences, push);
  contexts(text, weak);
  for (const o of found.organisations) {
    let surface = text.slice(o.start, o.end).replace(/(?:['’]s?|[\s.,;:!?)]+)$/u, '');
    const determiner = /^(?:the|The|la|La|le|Le|les|Les)\s+|^[lL]['’]/u.exec(surface)?.[0] ?? '';
    const start = o.start + determiner.length;
    surface = surface.slice(determiner.length);
    const parts = surface.split(/\s+/);
    if (!isCapitalised(surface) || NOT_ORGANISATIONS.has(surface)) continue;
    // compromise's guesses that end on a common noun ("the WhatsApp group") or are made only of
    // everyday words ("World Café", "Health data") are products, events and topics.
    if (!isCapitalised(parts.at(-1)!) && !headNoun(parts.at(-1)!)) continue;
    if (parts.every((p) => isEverydayWord(foldString(p))) && !parts.some((p) => headNoun(p))) continue;
    push(start, start + surface.length, parts.some((p) => headNoun(p) === 'government') ? 'government' : 'organisation');
  }
  return hits;
}
