import { contactHits, type ContactHit } from './contacts.ts';
import { entities } from './entities.ts';
import { clean, sourceSpan } from './normalise.ts';
import { organisationHits } from './organisations.ts';
import { personHits } from './people.ts';
import { attributionHits } from './phrases.ts';
import { mergeEntities, phrase } from './rewrite.ts';
import { linkNamesSomeone, rosterHits, type RosterIndex } from './roster.ts';
import { selfHits } from './self.ts';
import { sentenceSpans } from './sentences.ts';
import { overlaps, within, type Hit } from './types.ts';

/**
 * Everything the finders report in one text, reconciled, with offsets in the text as written.
 * The finders read its clean form (normalise.ts). What sits inside an e-mail address, a link or a
 * handle goes with it; the roster knows better than a guess; people and organisations that touch
 * merge into one finding; within any other kind, the longest of overlapping matches wins.
 */
export function scanText(original: string, index: RosterIndex): Hit[] {
  const cleaned = clean(original);
  const text = cleaned.text;
  const sentences = sentenceSpans(text);
  const found = entities(text, sentences);
  const fromRoster = rosterHits(text, index, sentences);
  const rosterPeople = fromRoster.filter((h) => h.kind === 'person');
  const rosterOrganisations = fromRoster.filter((h) => h.kind === 'organisation');
  let all: ContactHit[] = [
    ...contactHits(text),
    ...fromRoster,
    ...personHits(text, sentences, found),
    ...organisationHits(text, sentences, found),
    ...attributionHits(text, sentences),
    ...selfHits(text),
  ];

  // A link is personal when it is a profile, or carries a roster name (amakaokafor.com).
  all = all.filter((h) => h.kind !== 'url' || !h.generic || linkNamesSomeone(text.slice(h.start, h.end), index));
  const containers = all.filter((h) => h.kind === 'email' || h.kind === 'url' || h.kind === 'handle');
  const guessed = (h: Hit) => !fromRoster.includes(h);
  const organisations = all.filter((h) => h.kind === 'organisation' && !h.weak);
  all = all.filter((h) => {
    if (h.kind === 'email' && containers.some((c) => c.kind === 'url' && c !== h && within(h, c) && !c.generic)) return false;
    if (h.kind === 'handle' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if (h.kind === 'phone' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if ((h.kind === 'person' || h.kind === 'organisation') && containers.some((c) => (c.kind !== 'url' || !c.generic ? within(h, c) : false))) return false;
    // The roster knows better than a guess, and an organisation's name is not a person's: a
    // guessed person inside an organisation, or a guessed organisation over a roster name, is a
    // recogniser's mistake.
    if (h.kind === 'person' && guessed(h) && organisations.some((r) => within(h, r))) return false;
    if (h.kind === 'organisation' && guessed(h) && rosterPeople.some((r) => overlaps(h, r)) && !rosterOrganisations.some((r) => overlaps(h, r))) return false;
    return true;
  });

  const merged = mergeEntities(text, all);
  merged.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of merged) {
    if (kept.some((k) => k.kind === h.kind && overlaps(k, h))) continue;
    const sentence = sentences.find((s) => h.start >= s.start && h.start < s.end) ?? { start: 0, end: text.length };
    kept.push(h.replacement === undefined ? phrase(text, h, sentence) : { kind: h.kind, start: h.start, end: h.end, replacement: h.replacement });
  }
  return (
    kept
      .map((h) => ({ kind: h.kind, ...sourceSpan(cleaned, h.start, h.end), replacement: h.replacement! }))
      // Where findings start together, the wider first: its rewrite is the one to read first.
      .sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind))
  );
}
