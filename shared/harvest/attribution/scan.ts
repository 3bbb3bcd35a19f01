import { contactHits, type ContactHit } from './contacts.ts';
import { foldString } from './fold.ts';
import { personHits } from './people.ts';
import { attributionHits } from './phrases.ts';
import { rosterHits, type RosterIndex } from './roster.ts';
import { sentenceSpans } from './sentences.ts';
import { overlaps, within, type Hit } from './types.ts';

/**
 * Everything the finders report in one text, reconciled: what sits inside an e-mail address, a
 * link or a handle goes with it; the roster knows better than a guess; within a kind, the longest
 * of overlapping matches wins. Sorted by position.
 */
export function scanText(text: string, index: RosterIndex): Hit[] {
  const sentences = sentenceSpans(text);
  const contacts = contactHits(text);
  const rosterFound = rosterHits(text, index, sentences);
  let all: ContactHit[] = [...contacts, ...rosterFound, ...personHits(text, sentences), ...attributionHits(text, sentences)];

  const containers = all.filter((h) => h.kind === 'email' || h.kind === 'url' || h.kind === 'handle');
  // A link is personal when it is a profile, or carries a roster name (amakaokafor.com).
  all = all.filter((h) => {
    if (h.kind !== 'url' || !h.generic) return true;
    const foldedUrl = foldString(text.slice(h.start, h.end)).replace(/[^\p{L}\p{N}]/gu, '');
    return index.urlParts.some((p) => foldedUrl.includes(p));
  });
  all = all.filter((h) => {
    if (h.kind === 'email' && containers.some((c) => c.kind === 'url' && c !== h && within(h, c) && !c.generic)) return false;
    if (h.kind === 'handle' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if (h.kind === 'phone' && containers.some((c) => (c.kind === 'email' || c.kind === 'url') && overlaps(h, c))) return false;
    if ((h.kind === 'roster-name' || h.kind === 'organisation' || h.kind === 'person-name') && containers.some((c) => (c.kind !== 'url' || !c.generic ? within(h, c) : false))) return false;
    // The roster knows better than a guess: a roster name is not also reported as some person.
    if (h.kind === 'person-name' && rosterFound.some((r) => (r.kind === 'roster-name' ? overlaps(h, r) : within(h, r)))) return false;
    return true;
  });
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of all) {
    if (kept.some((k) => k.kind === h.kind && overlaps(k, h))) continue;
    kept.push({ kind: h.kind, start: h.start, end: h.end, replacement: h.replacement });
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
}
