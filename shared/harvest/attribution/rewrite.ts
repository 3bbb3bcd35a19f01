import type { EntityNoun, Hit, Span } from './types.ts';
import { ENGLISH_WORDS, FRENCH_WORDS } from './words.ts';

/**
 * Turning entity hits into findings a rapporteur can accept as they are: adjacent people and
 * organisations merge into one finding ("Maria from Microsoft", "Amaka Weiß", "Priya (EFF)"), and
 * each gets words in its sentence's language that read as part of it ("a participant", "d'une
 * organisation"), article and preposition included, so accepting every suggestion still leaves
 * readable English or French. In the other UN languages the noun stands alone, without the
 * articles and cases French and English take into it: "أحد المشاركين", "一位参与者".
 */

export type Language = 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru';

/** Short words only Spanish has among the three Latin languages read here. */
const SPANISH_WORDS: ReadonlySet<string> = new Set(
  'el los las del y por para con una como más pero porque también muy hay sus esta este está están fue ser cuando donde sin sobre entre hasta desde todo todos otro otra nos les lo al ya ni dijo según'.split(
    ' ',
  ),
);

/** The sentence's language: by its script for Arabic, Chinese and Russian, by its short words for English, French and Spanish; English when it cannot tell. */
export function languageOf(sentence: string): Language {
  const count = (re: RegExp) => sentence.match(re)?.length ?? 0;
  const latin = count(/\p{Script=Latin}/gu);
  const scripts: [Language, number][] = [
    ['ar', count(/\p{Script=Arabic}/gu)],
    ['zh', count(/\p{Script=Han}/gu) * 2],
    ['ru', count(/\p{Script=Cyrillic}/gu)],
  ];
  const [script, letters] = scripts.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (letters > latin) return script;
  let en = 0;
  let fr = 0;
  let es = 0;
  for (const w of sentence.toLowerCase().split(/[^\p{L}]+/u)) {
    if (ENGLISH_WORDS.has(w)) en++;
    if (FRENCH_WORDS.has(w)) fr++;
    if (SPANISH_WORDS.has(w)) es++;
  }
  // Elisions: "l'ARCEP", "d'après", "qu'il" (and not the English "Kwame's").
  fr += sentence.match(/(?<![\p{L}\p{M}])(?:[ldjcnmst]|qu)['’](?=[\p{L}])/giu)?.length ?? 0;
  if (es > en && es > fr) return 'es';
  return fr > en ? 'fr' : 'en';
}

const WORDS: Record<Language, Record<EntityNoun, { a: string; gender: 'm' | 'f' }>> = {
  en: {
    person: { a: 'a participant', gender: 'm' },
    official: { a: 'an official', gender: 'm' },
    organisation: { a: 'an organisation', gender: 'f' },
    government: { a: 'a government body', gender: 'm' },
  },
  fr: {
    person: { a: 'un participant', gender: 'm' },
    official: { a: 'un responsable', gender: 'm' },
    organisation: { a: 'une organisation', gender: 'f' },
    government: { a: 'un organisme public', gender: 'm' },
  },
  es: {
    person: { a: 'una persona participante', gender: 'f' },
    official: { a: 'un cargo público', gender: 'm' },
    organisation: { a: 'una organización', gender: 'f' },
    government: { a: 'un organismo público', gender: 'm' },
  },
  ar: {
    person: { a: 'أحد المشاركين', gender: 'm' },
    official: { a: 'أحد المسؤولين', gender: 'm' },
    organisation: { a: 'إحدى المنظمات', gender: 'f' },
    government: { a: 'جهة حكومية', gender: 'f' },
  },
  zh: {
    person: { a: '一位参与者', gender: 'm' },
    official: { a: '一位官员', gender: 'm' },
    organisation: { a: '某机构', gender: 'm' },
    government: { a: '某政府部门', gender: 'm' },
  },
  ru: {
    person: { a: 'один из участников', gender: 'm' },
    official: { a: 'одно из должностных лиц', gender: 'm' },
    organisation: { a: 'одна из организаций', gender: 'f' },
    government: { a: 'один из госорганов', gender: 'm' },
  },
};

/** Which noun a merged entity takes: a person over an organisation, a government body over any organisation. */
const RANK: Record<EntityNoun, number> = { person: 3, official: 2, government: 1, organisation: 0 };

/** What may stand between two entities that are one ("Maria from Microsoft", "Okafor (EFF)", "Safaricom's Amaka"). */
const JOIN_PERSON_ORG = /^(?:\s*,\s*|\s*\(\s*|\s+(?:from|at|of|with|de|du|des|chez)\s+(?:(?:the|la|le|les)\s+|l['’]\s*)?|\s+(?:d['’]|de\s+l['’])\s*)$/iu;
const JOIN_ORG_PERSON = /^(?:['’]s?\s+|\s+)$/u;
const JOIN_SAME = /^[\s-]*$/u;

function joins(a: Hit, b: Hit, gap: string): boolean {
  if (a.kind === 'person' && b.kind === 'organisation') return JOIN_PERSON_ORG.test(gap);
  if (a.kind === 'organisation' && b.kind === 'person') return JOIN_ORG_PERSON.test(gap);
  return JOIN_SAME.test(gap);
}

const isEntity = (h: Hit) => h.kind === 'person' || h.kind === 'organisation';

/** Entities merged where they overlap or join; other hits as they were. */
export function mergeEntities(text: string, hits: readonly Hit[]): Hit[] {
  const entities = hits.filter(isEntity).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Hit[] = [];
  for (const h of entities) {
    const last = merged.at(-1);
    if (last && (h.start < last.end || joins(last, h, text.slice(last.end, h.start)))) {
      const closing = text.slice(last.end, h.start).includes('(') && text[Math.max(h.end, last.end)] === ')' ? 1 : 0;
      const end = Math.max(last.end, h.end) + closing;
      const kind = last.kind === 'person' || h.kind === 'person' ? 'person' : 'organisation';
      const noun = RANK[h.noun!] > RANK[last.noun!] ? h.noun! : last.noun!;
      merged[merged.length - 1] = { kind, start: last.start, end, noun: kind === 'person' && noun !== 'official' ? 'person' : noun };
    } else merged.push({ ...h });
  }
  return [...merged, ...hits.filter((h) => !isEntity(h))];
}

/**
 * The entity's replacement in its sentence's language, with the article or preposition before it
 * taken into the finding when the replacement brings its own: "the French MFA" → "a government
 * body", "de la Banque Populaire du Rwanda" → "d'une organisation", "au ministère" → "à un
 * organisme public".
 */
export function phrase(text: string, hit: Hit, sentence: Span): Hit {
  const language = languageOf(text.slice(sentence.start, sentence.end));
  const { a } = WORDS[language][hit.noun ?? 'person'];
  const before = text.slice(sentence.start, hit.start);
  if (language === 'en') {
    const m = /(?:^|\s)((?:the|The|our|Our|their|Their)\s+)$/u.exec(before);
    // "the minister" already carries its article; "the CEO of Acme" too.
    if (m && hit.noun !== 'official') return { ...hit, start: hit.start - m[1]!.length, replacement: a };
    return { ...hit, replacement: a };
  }
  if (language !== 'fr') return { ...hit, replacement: a };
  const m = /(?:^|\s)((?:[dD]e\s+(?:la|l['’])\s*|[dD]u\s+|[dD]['’]|[aA]u\s+|[àÀ]\s+(?:la|l['’])\s*|[dD]es\s+|[lL]a\s+|[lL]e\s+|[lL]['’]))$/u.exec(before);
  if (!m) return { ...hit, replacement: a };
  const taken = m[1]!;
  const upper = /^\p{Lu}/u.test(taken);
  const lead = taken.toLowerCase();
  let replacement: string;
  if (/^(?:de|du|d['’])/.test(lead)) replacement = `d’${a}`;
  else if (/^(?:au|à)/.test(lead)) replacement = `à ${a}`;
  else if (/^des/.test(lead))
    return { ...hit, replacement: a }; // "des" of a plural: keep it
  else replacement = a; // le, la, l'
  if (upper) replacement = replacement[0]!.toUpperCase() + replacement.slice(1);
  return { ...hit, start: hit.start - taken.length, replacement };
}
