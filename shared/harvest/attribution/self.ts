import { alternation, cap, ci, WB, WE } from './patterns.ts';
import type { Hit } from './types.ts';
import { SELF } from './words.ts';

/**
 * Self-identification: first-person descriptions that narrow a speaker down to a few people or
 * one ("as the only regulator here from a Pacific island state", "in my ministry", "our company",
 * "je travaille à l'ARCEP"), each with a rewrite that keeps the sentence and drops the clue.
 * "As a parent" or "my organisation" narrow nobody down and are not findings.
 */

interface Rule {
  re: RegExp;
  replacement: (m: RegExpMatchArray) => string;
}

const UNIQUE_EN = ci(alternation(SELF.uniqueness.en));
const UNIQUE_FR = ci(alternation(SELF.uniqueness.fr));
const PROFESSION_EN = ci(alternation(SELF.professions.en));
const PROFESSION_FR = ci(alternation(SELF.professions.fr));
const WORKPLACE_EN = ci(alternation(SELF.workplaces.en));
const WORKPLACE_FR = ci(alternation(SELF.workplaces.fr));
/** The rest of a clause, up to a comma, a stop or a conjunction; at most ten words. */
const CLAUSE = "(?:[\\s-]+(?!(?:and|but|so|which|who|where|because|since|I|we|et|mais|donc|qui|où|car|depuis|je|nous|on)\\b)[\\p{L}\\p{M}\\p{N}'’.&-]+){0,10}";
const upper = (m: RegExpMatchArray) => /^\p{Lu}/u.test(m[0]);

const RULES: Rule[] = [
  // as the only regulator here from a Pacific island state / as one of the few women engineers
  {
    re: new RegExp(`${WB}${ci('as|being')}\\s+(?:${ci('the|one of the')}\\s+)?${UNIQUE_EN}${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('as a participant', upper(m)),
  },
  // as a regulator from Fiji / as a lawyer at a telecom
  {
    re: new RegExp(
      `${WB}${ci('as')}\\s+${ci('a|an|the')}\\s+(?:${ci('former|senior|junior|chief|lead')}\\s+)?${PROFESSION_EN}\\s+(?:${ci('from|at|in|of|with|for')})${WE}${CLAUSE}`,
      'gu',
    ),
    replacement: (m) => cap('as a participant', upper(m)),
  },
  // speaking as a former minister
  {
    re: new RegExp(`${WB}${ci('speaking')}\\s+${ci('as|for|on behalf of')}\\s+${ci('a|an|the|my|our')}${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('speaking as a participant', upper(m)),
  },
  // As Maria from Microsoft, I…
  {
    re: new RegExp(`${WB}${ci('as')}\\s+\\p{Lu}[\\p{L}\\p{M}'’-]+(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’-]+){0,2}\\s+(?:from|at|of|with)${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('as a participant', upper(m)),
  },
  // I work at a small telecom in Lagos
  {
    re: new RegExp(`${WB}I\\s+(?:${ci('work|worked|am working|have worked')})\\s+(?:${ci('at|for|in|with')})${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('I work in this field', upper(m)),
  },
  // I was at Meta for six years / I spent ten years with the regulator
  {
    re: new RegExp(
      `${WB}I\\s+(?:${ci('was|have been')}|${ci('spent')}\\s+[\\p{L}\\p{N}]+\\s+${ci('years')})\\s+(?:${ci('at|with')})\\s+(?:the\\s+)?\\p{Lu}[\\p{L}\\p{M}\\p{N}'’&.-]*${CLAUSE}`,
      'gu',
    ),
    replacement: (m) => cap('I worked in this field', upper(m)),
  },
  // as a Kenyan MP / as a French diplomat
  {
    re: new RegExp(`${WB}${ci('as')}\\s+${ci('a|an')}\\s+\\p{Lu}[\\p{Ll}\\p{M}'’-]+\\s+(?:${PROFESSION_EN}|MP|CEO|CIO|CTO)${WE}`, 'gu'),
    replacement: (m) => cap('as a participant', upper(m)),
  },
  // I represent a farmers' cooperative in Rwanda
  {
    re: new RegExp(`${WB}I\\s+${ci('represent|lead|run|head|chair|founded|co-founded|direct|manage')}${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('I represent an organisation', upper(m)),
  },
  // I'm the CIO of a mid-sized bank / I am the only…
  {
    re: new RegExp(
      `${WB}I(?:['’]m|\\s+am)\\s+(?:${ci('the|a|an|one of the')})\\s+(?:(?:${UNIQUE_EN})${WE}|(?:${ci('former|senior|chief')}\\s+)?${PROFESSION_EN}\\s+(?:${ci('of|at|from|in|for')})${WE})${CLAUSE}`,
      'gu',
    ),
    replacement: (m) => cap("I'm a participant", upper(m)),
  },
  // on behalf of our agency
  { re: new RegExp(`${WB}${ci('on behalf of')}\\s+${ci('my|our|the')}${CLAUSE}`, 'gu'), replacement: (m) => cap('on behalf of my organisation', upper(m)) },
  // we at the ministry / we at Acme
  {
    re: new RegExp(
      `${WB}${ci('we')},?\\s+(?:${ci('at|from|in')})\\s+(?:${ci('the|our')}\\s+)?[\\p{L}\\p{M}'’&-]+(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’&-]*){0,3}`,
      'gu',
    ),
    replacement: (m) => cap('we', upper(m)),
  },
  // in my ministry / our company / my NGO
  {
    re: new RegExp(`${WB}(${ci('my|our')})\\s+(?:${ci('own')}\\s+)?${WORKPLACE_EN}${WE}`, 'gu'),
    replacement: (m) => cap(`${m[1]!.toLowerCase()} organisation`, upper(m)),
  },
  // en tant que seule juriste de la table / comme seul représentant du secteur privé ici
  {
    re: new RegExp(`${WB}${ci("en tant que|en tant qu['’]|comme")}\\s*(?:${ci("le|la|l['’]")}\\s*)?${UNIQUE_FR}${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('en tant que participant', upper(m)),
  },
  // en tant que régulatrice du Bénin / en tant que juriste chez Orange
  {
    re: new RegExp(`${WB}${ci("en tant que|en tant qu['’]")}\\s*${PROFESSION_FR}\\s+(?:${ci("de|du|des|d['’]|à|au|chez|pour")})${CLAUSE}`, 'gu'),
    replacement: (m) => cap('en tant que participant', upper(m)),
  },
  // je travaille à l'ARCEP / je travaille chez Orange
  {
    re: new RegExp(
      `${WB}${ci('je')}\\s+${ci('travaille|travaillais|ai travaillé')}\\s+(?:${ci('à|au|aux|chez|pour|dans|avec|en')})${WE}\\s*(?:${ci("la|le|les|l['’]|une?")}\\s*)?[\\p{L}\\p{M}\\p{N}'’&.-]+(?:\\s+(?!(?:depuis|et|mais|donc|qui|où|car|je|nous|on)\\b)[\\p{L}\\p{M}\\p{N}'’&.-]+){0,5}`,
      'gu',
    ),
    replacement: (m) => cap('je travaille dans ce domaine', upper(m)),
  },
  // je représente une association de consommateurs au Bénin / je dirige…
  {
    re: new RegExp(`${WB}${ci('je')}\\s+${ci('représente|dirige|préside|ai fondé')}${WE}${CLAUSE}`, 'gu'),
    replacement: (m) => cap('je représente une organisation', upper(m)),
  },
  // je suis la seule… / je suis le directeur de…
  {
    re: new RegExp(
      `${WB}${ci('je suis')}\\s+(?:${ci("le|la|l['’]|un|une")}\\s*)?(?:${UNIQUE_FR}${WE}|${PROFESSION_FR}\\s+(?:${ci("de|du|des|d['’]|à|au|chez")}))${CLAUSE}`,
      'gu',
    ),
    replacement: (m) => cap('je suis participant', upper(m)),
  },
  // au nom de mon agence
  {
    re: new RegExp(`${WB}${ci('au nom de')}\\s+(?:${ci("mon|ma|notre|nos|l['’]|la|le")})\\s*[\\p{L}\\p{M}'’-]+`, 'gu'),
    replacement: (m) => cap('au nom de mon organisation', upper(m)),
  },
  // nous, au ministère / nous, chez Orange
  {
    re: new RegExp(`${WB}${ci('nous')},?\\s+(?:${ci("au|aux|à la|à l['’]|chez|à")})\\s*[\\p{L}\\p{M}'’&-]+(?:\\s+\\p{Lu}[\\p{L}\\p{M}'’&-]*){0,3}`, 'gu'),
    replacement: (m) => cap('nous', upper(m)),
  },
  // dans mon ministère / notre entreprise
  {
    re: new RegExp(`${WB}(${ci('mon|ma|notre')})\\s+${WORKPLACE_FR}${WE}`, 'gu'),
    replacement: (m) => cap(`${/^notre$/i.test(m[1]!) ? 'notre' : 'mon'} organisation`, upper(m)),
  },
];

export function selfHits(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const matched = m[0].replace(/[\s,;:.'’-]+$/u, '');
      if (!matched) continue;
      hits.push({ kind: 'self-identification', start: m.index, end: m.index + matched.length, replacement: rule.replacement(m) });
    }
  }
  return hits;
}
