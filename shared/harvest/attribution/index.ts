/**
 * The attribution check: finds what, in a readout's texts, could point to a person or an
 * organisation under the Chatham House Rule, and suggests a rewrite. Pure; see docs/harvest.md.
 *
 * Its seams, one file each: `normalise` and `fold` (the forms texts and names are compared in:
 * clean, folded, transliterated, confusable skeleton), `words` (the word lists, kept as data in
 * `words/`), `roster` (the session's names, aliases and organisations as terms), `sentences`,
 * `contacts` (e-mail, phone, handles, links), `entities` (compromise's recogniser), `people`,
 * `organisations`, `self` (self-identification), `phrases` (attributing phrases), `rewrite`
 * (merging and wording in English or French), `scan` (one text, reconciled), `check` (the entry
 * points), `cache` (what a caller may keep between runs) and `reasons` (why a finding may be kept).
 */
export { AttributionCache, createAttributionCache } from './cache.ts';
export { checkTexts, redact, redactAll } from './check.ts';
export { fold, foldString, type Folded } from './fold.ts';
export { hash } from './hash.ts';
export { isKeepReason, KEEP_REASONS, KeepReason, keepReasonLabel } from './reasons.ts';
export { sentenceSpans } from './sentences.ts';
export { FindingKind, type Finding, type ReadoutText, type Roster } from './types.ts';
