import { opensSentence } from './sentences.ts';
import {
  ANONYMOUS_SUBJECT,
  CAP_NAME,
  CAP_WORD,
  cap,
  ci,
  leadingLittleWords,
  pointsToSomeone,
  SAYING_EN,
  SAYING_FR,
  ROLE_NOUNS_EN,
  TITLES_ALT,
  WB,
  WE,
} from './patterns.ts';
import type { Hit, Span } from './types.ts';
import { headNoun } from './words.ts';

/**
 * Attributing phrases in English and French: "as X said", "according to X", "X argued", "the
 * representative of X", "selon X", "comme l'a dit X", "X a souligné"… Each rule says which group
 * is the subject (checked to point to someone) and what the phrase becomes.
 */

interface AttributionRule {
  re: RegExp;
  /** Index of the subject group, checked with pointsToSomeone; 0 to accept every match. */
  subject: number;
  replacement: (m: RegExpMatchArray) => string;
}

const verbAtEnd = (m: string, verbs: string, fallback: string) => new RegExp(`(?:${verbs})$`, 'u').exec(m)?.[0].toLowerCase() ?? fallback;

const SUBJ = "(?:[\\p{L}\\p{M}.'’-]+\\s+){0,5}?[\\p{L}\\p{M}.'’-]+";
const CLAUSE_END = '(?=\\s*(?:[,;:.!?)]|$))';
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
    re: new RegExp(
      `${WB}${ci('the|a|an')}\\s+${ci('representative|rep|delegate|delegation|envoy|spokesperson|spokesman|spokeswoman')}s?\\s+(?:of|from|for)\\s+(?:the\\s+)?[\\p{L}\\p{M}'’-]+(?:\\s+(?:of\\s+)?${CAP_WORD})*`,
      'gu',
    ),
    subject: 0,
    replacement: (m) => cap('a participant', /^\p{Lu}/u.test(m[0])),
  },
  // the woman from Acme argued / someone from the MFA said / Fatima from the regulator thinks
  {
    re: new RegExp(
      `${WB}(?:${ci('the|a|an|our|my')}\\s+${ci(ROLE_NOUNS_EN)}|${ci('someone|somebody')}|${CAP_NAME})\\s+(?:from|of|at|with)\\s+(?:[\\p{L}\\p{M}'’-]+\\s+){1,6}?(?:${SAYING_EN})${WE}`,
      'gu',
    ),
    subject: 0,
    replacement: (m) => cap('one participant ' + verbAtEnd(m[0], SAYING_EN, 'said'), /^\p{Lu}/u.test(m[0])),
  },
  // Amaka Okafor argued / Dr Okafor noted
  {
    re: new RegExp(`${WB}((?:(?:${TITLES_ALT})\\.?\\s+)?${CAP_NAME})\\s+(?:${SAYING_EN})${WE}`, 'gu'),
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
      `${WB}${ci("le|la|l['’]|les|un|une")}\\s*${ci('représentant|représentante|représentants|délégué|déléguée|délégation|porte-parole|directeur|directrice|responsable|président|présidente')}${WE}\\s*(?:de|du|des|d['’])\\s*(?:la\\s+|l['’])?[\\p{L}\\p{M}'’-]+(?:\\s+(?:de\\s+|du\\s+|des\\s+)?${CAP_WORD})*`,
      'gu',
    ),
    subject: 0,
    replacement: (m) => cap('un participant', /^\p{Lu}/u.test(m[0])),
  },
  // Amaka a dit que… / Mme Diallo a souligné…
  {
    re: new RegExp(`${WB}((?:(?:${TITLES_ALT})\\.?\\s+)?${CAP_NAME})\\s+(?:${SAYING_FR})${WE}`, 'gu'),
    subject: 1,
    replacement: (m) => 'un participant ' + verbAtEnd(m[0], SAYING_FR, 'a dit'),
  },
];

const CHAIN_BEFORE =
  /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2}(?:\s+(?:from|at|of|with|de|du|chez)\s+(?:(?:the|la|le)\s+)?|\s+d['’]\s*)$/u;
const PUBLISHED_SOURCE =
  /['’]s?\s+(?:own\s+)?(?:[\p{L}-]+\s+)?(?:figures|data|numbers|report|reports|survey|study|studies|research|website|statistics|annual report)$|^(?:les\s+chiffres|les\s+données|le\s+rapport|l['’]étude|le\s+site|les\s+statistiques)\s+(?:de|du|des|d['’])/iu;

/** A bare capitalised name as the source of "according to Hana", "selon Diallo": a person. */
const BARE_NAME = /^\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*){0,2}$/u;
/** "the Ministry of Finance objected": the end of a longer name, not a person. */
export const AFTER_CONNECTOR = /(?:^|\s)(?:of|the|de|du|des|la|le|for|and)\s+$/i;

export function attributionHits(text: string, sentences: readonly Span[]): Hit[] {
  const hits: Hit[] = [];
  for (const rule of ATTRIBUTION_RULES) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      if (rule.subject) {
        const subject = m[rule.subject] ?? '';
        // "according to Safaricom's own figures", "selon les chiffres de l'ARCEP": a published source, not a person.
        if (PUBLISHED_SOURCE.test(subject)) continue;
        const subjectAt = m.index + m[0].indexOf(subject);
        if (!pointsToSomeone(subject, opensSentence(sentences, subjectAt))) continue;
      }
      const matched = m[0].replace(/[\s,;:]+$/u, '');
      // "Amaka de Safaricom a dit", "Maria from Microsoft argued": the speaker is the whole chain.
      const chain =
        rule.subject && m[0].startsWith(m[rule.subject]!) ? (CHAIN_BEFORE.exec(text.slice(Math.max(0, m.index - 80), m.index))?.[0].length ?? 0) : 0;
      hits.push({ kind: 'attribution', start: m.index - chain, end: m.index + matched.length, replacement: rule.replacement(m) });
      const fullSubject = rule.subject ? m[rule.subject] : undefined;
      const subject = fullSubject?.slice(leadingLittleWords(fullSubject));
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      // Not the end of a longer name ("the German Federal Foreign Office said") nor an institution.
      const institution = subject !== undefined && (subject.split(/\s+/).some((w) => headNoun(w) !== null) || /\p{Lu}[\p{L}\p{M}'’-]*\s+$/u.test(before));
      if (
        subject &&
        !institution &&
        !AFTER_CONNECTOR.test(before) &&
        !/(?:^|\s)(?:from|at|with|chez)\s+$/iu.test(before) &&
        BARE_NAME.test(subject) &&
        !ANONYMOUS_SUBJECT.test(subject)
      ) {
        const at = m.index + m[0].indexOf(subject, m[0].length - subject.length - 40 > 0 ? m[0].length - subject.length - 40 : 0);
        hits.push({ kind: 'person', start: at, end: at + subject.length, noun: 'person' });
      }
    }
  }
  return hits;
}
