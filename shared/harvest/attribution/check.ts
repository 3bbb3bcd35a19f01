import { createAttributionCache, type AttributionCache } from './cache.ts';
import { foldString } from './fold.ts';
import { hash } from './hash.ts';
import { scanText } from './scan.ts';
import { sentenceSpans } from './sentences.ts';
import { overlaps, within, type Finding, type Hit, type ReadoutText, type Roster } from './types.ts';

/**
 * The check's entry points. Pure: the same texts and roster always give the same findings, with
 * the same keys, so a rapporteur's decisions stay attached across runs. A cache, when given, only
 * saves work: results are the same with or without it.
 */

const atSentenceStart = (replacement: string, opening: boolean) =>
  opening && /^\p{Ll}/u.test(replacement) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;

/** The texts' hits, the roster indexed once for them all. */
function scanner(roster: Roster, cache: AttributionCache): (text: string) => readonly Hit[] {
  const index = cache.index(roster);
  return (text) => cache.hits(text, (t) => scanText(t, index));
}

/** Checks every text that goes into a readout. Findings come in text order, then position. */
export function checkTexts(texts: readonly ReadoutText[], roster: Roster, cache: AttributionCache = createAttributionCache()): Finding[] {
  const hitsOf = scanner(roster, cache);
  // Copies, so that what a caller does with its findings cannot reach the cache.
  return texts.flatMap(({ source, text }) => cache.findings(source, text, () => findingsOf(source, text, hitsOf(text))).map((f) => ({ ...f })));
}

function findingsOf(source: string, text: string, hits: readonly Hit[]): Finding[] {
  if (!hits.length) return [];
  const findings: Finding[] = [];
  const sentences = sentenceSpans(text);
  const seen = new Map<string, number>();
  for (const hit of hits) {
    const match = text.slice(hit.start, hit.end);
    const identity = `${hit.kind}\u0000${foldString(match)}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const sentence = sentences.find((s) => hit.start >= s.start && hit.start < s.end) ?? { start: 0, end: text.length };
    const sentenceText = text.slice(sentence.start, sentence.end);
    const replacement = atSentenceStart(hit.replacement!, hit.start === sentence.start);
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
  return findings;
}

/** The text with one finding's suggested redaction applied. */
export function redact(text: string, finding: Pick<Finding, 'start' | 'end' | 'replacement' | 'match'>): string {
  if (text.slice(finding.start, finding.end) !== finding.match) throw new Error('The text changed since the check ran.');
  return text.slice(0, finding.start) + finding.replacement + text.slice(finding.end);
}

/** Every finding of a text redacted at once (for texts shown before a rapporteur has looked). */
export function redactAll(text: string, roster: Roster, cache: AttributionCache = createAttributionCache()): string {
  const hits = scanner(roster, cache)(text);
  const opening = new Set(sentenceSpans(text).map((s) => s.start));
  // Right to left, outermost first, so earlier offsets stay valid and nested matches go with their container.
  const outer = hits.filter((h) => !hits.some((o) => o !== h && within(h, o) && o.end - o.start > h.end - h.start));
  const disjoint: Hit[] = [];
  for (const h of [...outer].sort((a, b) => a.start - b.start || b.end - a.end)) if (!disjoint.some((d) => overlaps(d, h))) disjoint.push(h);
  let out = text;
  for (const h of disjoint.sort((a, b) => b.start - a.start))
    out = out.slice(0, h.start) + atSentenceStart(h.replacement!, opening.has(h.start)) + out.slice(h.end);
  return out;
}
