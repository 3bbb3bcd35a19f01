/**
 * The attribution check: finds what, in a readout's texts, could point to a person or an
 * organisation under the Chatham House Rule, and suggests a rewrite. Pure; see docs/harvest.md.
 *
 * Its seams, one file each: `fold` (the form texts and names are compared in), `words` (the word
 * lists, kept as data in `words/`), `roster` (the session's names and organisations as terms),
 * `sentences`, `contacts` (e-mail, phone, handles, links), `people`, `phrases` (attributing
 * phrases), `scan` (one text, reconciled), `check` (the entry points) and `cache` (what a caller
 * may keep between runs).
 */
export { AttributionCache, createAttributionCache } from './cache.ts';
export { checkTexts, redact, redactAll } from './check.ts';
export { fold, foldString, type Folded } from './fold.ts';
export { hash } from './hash.ts';
export { sentenceSpans } from './sentences.ts';
export { FindingKind, type Finding, type ReadoutText, type Roster } from './types.ts';
