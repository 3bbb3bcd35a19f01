import type { Span } from './types.ts';

const ABBREVIATIONS = /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Pr|St|Sr|Sra|Jr|M|Mme|Mlle|Me|No|vs|etc|e\.g|i\.e|cf|approx|Hon|Rev|Gen|Col|Capt|Amb)\.$/;

/** Sentences of a text, without their leading whitespace; a title's dot ("Dr.", "M.") ends none. */
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
  return spans.map((s) => {
    let a = s.start;
    while (a < s.end && /\s/.test(text[a]!)) a++;
    return { start: a, end: s.end };
  });
}

/** Whether `at` opens one of the sentences. */
export const opensSentence = (sentences: readonly Span[], at: number) => sentences.some((s) => s.start === at);
