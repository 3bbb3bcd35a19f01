import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../../server/exports/docx.ts';
import { Paper, toPdf } from '../../server/exports/pdf/pdf.ts';
import { buildReadout } from '../../shared/harvest/readout.ts';
import { toCsv, toHtml, toJson, toMarkdown } from '../../shared/harvest/render.ts';
import type { Readout } from '../../shared/harvest/types.ts';
import { readoutCafe, READOUT_NOW } from '../support/readoutCafe.ts';

/**
 * The readout of one fixed café, in every format, against files kept under
 * tests/fixtures/golden/. A change to the report shows here as a diff to read; when it is
 * meant, refresh the files with `UPDATE_GOLDEN=1 npx vitest run tests/unit/readout-golden.test.ts`
 * and commit them with the change. Binary formats are kept as their text (the Word document's
 * paragraphs, the PDF's text page by page, as pdf.js reads it), and checked for the same bytes
 * twice over here.
 */

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string) {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`${name} has no golden file yet: run with UPDATE_GOLDEN=1 and read what it wrote before committing it.`);
  expect(actual, `${name} differs from tests/fixtures/golden/${name} (UPDATE_GOLDEN=1 refreshes it, if the change is meant)`).toBe(readFileSync(path, 'utf8'));
}

/** The Word document as its paragraphs, one a line. */
async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return `${xml
    .split('</w:p>')
    .map((p) => decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')))
    .filter(Boolean)
    .join('\n')}\n`;
}

/** Each page's text as pdf.js extracts it, and its size in points. */
export async function pdfPages(bytes: Buffer): Promise<{ pages: string[]; sizes: [number, number][] }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const sizes: [number, number][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const { width, height } = (await pdf.getPage(i)).getViewport({ scale: 1 });
    sizes.push([width, height]);
  }
  return { pages: text, sizes };
}

const pdfGolden = (pages: string[]) => `${pages.map((p, i) => `──── page ${i + 1} ────\n${p}`).join('\n')}\n`;

/** What the first page says of the rule, and how each page is numbered, in each language. */
const PRINTED = {
  en: { notice: 'Chatham House Rule. This readout does not attribute', page: (i: number, n: number) => `Page ${i} of ${n}` },
  fr: { notice: 'Règle de Chatham House. Ce compte rendu n’attribue aucun propos', page: (i: number, n: number) => `Page ${i} sur ${n}` },
  // pdf.js reads an Arabic line back in visual order, and some joined letter forms (lam-alef, ح, ص)
  // as other characters: the words checked here come back whole.
  ar: { notice: 'قاعدة تشاتام هاوس', page: (i: number, n: number) => `${n} من ${i}` },
  zh: { notice: '本报告不将任何发言归于任何个人或机构', page: (i: number, n: number) => `第 ${i} 页，共 ${n} 页` },
} as const;

describe.each([
  { language: 'en', takeaways: true },
  { language: 'fr', takeaways: false },
  { language: 'ar', takeaways: false },
  { language: 'zh', takeaways: true },
] as const)('the readout of a fixed café, in $language', ({ language, takeaways }) => {
  const { cafe, input, names } = readoutCafe({ language, takeaways });
  const { readout } = buildReadout(cafe.state, { version: 2, minGroupSize: 3, now: READOUT_NOW, input });
  const file = (ext: string) => `readout.${language}.${ext}`;
  const themes = readout.questions.flatMap((q) => q.themes.map((t) => t.name));

  it('is the same in JSON, CSV, Markdown and HTML as the golden files', () => {
    golden(file('json'), toJson(readout));
    golden(file('csv'), toCsv(readout));
    golden(file('md'), toMarkdown(readout));
    golden(file('html'), toHtml(readout));
    expect(JSON.parse(toJson(readout))).toEqual(readout);
  });

  it('is the same in Word, to the byte twice over, with the golden text', async () => {
    const docx = await toDocx(readout);
    expect((await toDocx(structuredClone(readout))).equals(docx)).toBe(true);
    golden(file('docx.txt'), await docxText(docx));
  }, 15_000);

  it.each([Paper.a4, Paper.letter])(
    'is a PDF on %s paper, to the byte twice over, with the golden text',
    async (paper) => {
      const pdf = await toPdf(readout, { paper });
      expect((await toPdf(structuredClone(readout), { paper })).equals(pdf)).toBe(true);
      const { pages, sizes } = await pdfPages(pdf);
      golden(file(`${paper}.pdf.txt`), pdfGolden(pages));

      // Print-ready: the paper asked for, the notice on the first page, every page numbered.
      const [w, h] = paper === Paper.a4 ? [595.28, 841.89] : [612, 792];
      for (const size of sizes) expect(size.map(Math.round)).toEqual([Math.round(w), Math.round(h)]);
      expect(pages[0]!.replace(/\s+/g, ' ')).toContain(PRINTED[language].notice);
      for (const [i, page] of pages.entries()) expect(page).toContain(PRINTED[language].page(i + 1, pages.length));
      // Every theme, every chosen quote, in whatever script; nobody's name.
      const all = pages.join('\n').replace(/\s+/g, ' ');
      for (const theme of themes) expect(all).toContain(theme);
      for (const quote of readout.questions.flatMap((q) => q.themes.flatMap((t) => t.quotes))) expect(all, quote.ref).toContain(quote.ref);
      for (const name of names) expect(all.includes(name), name).toBe(false);
      // The Arabic quote comes back as its own words, the Chinese one too.
      if (language === 'en') {
        expect(all).toContain('يجب أن تخضع أنظمة الهوية الرقمية لرقابة هيئة مستقلة تنشر تقاريرها للجميع');
        expect(all).toContain('公共资金资助的软件应当开源');
      }
      // Two PDFs and pdf.js's reading on a shared two-core machine, the first opening the fonts.
    },
    30_000,
  );

  it('names nobody in any text format', async () => {
    const texts: [string, string][] = [
      ['json', toJson(readout)],
      ['csv', toCsv(readout)],
      ['md', toMarkdown(readout)],
      ['html', toHtml(readout)],
      ['docx', await docxText(await toDocx(readout))],
    ];
    for (const [format, text] of texts) for (const name of names) expect(text.includes(name), `${format}: ${name}`).toBe(false);
  }, 15_000);
});

describe('the report of a fixed café', () => {
  const { cafe, input } = readoutCafe();
  const readout: Readout = buildReadout(cafe.state, { version: 2, minGroupSize: 3, now: READOUT_NOW, input }).readout;

  it('reads as findings: every note counted, only the chosen ones quoted', () => {
    const themes = readout.questions.flatMap((q) => q.themes);
    const counted = themes.reduce((s, t) => s + t.notes, 0);
    const left = readout.setAside.reduce((s, x) => s + x.count, 0);
    expect(counted + left).toBe(readout.method.notes);
    expect(readout.appendix).toHaveLength(readout.method.notes);
    expect(themes.flatMap((t) => t.quotes)).toHaveLength(11);
  });

  it('grows with its findings, not with its notes: twice the notes, the same length', () => {
    const dense = readoutCafe({ notesPerRound: (person, round) => ((person + round) % 3 === 0 ? 3 : 2) + (person % 3 === 0 ? 1 : 0) });
    const big = buildReadout(dense.cafe.state, { version: 2, minGroupSize: 3, now: READOUT_NOW, input: dense.input }).readout;
    expect(big.method.notes).toBeGreaterThanOrEqual(2 * readout.method.notes);
    const lines = (r: Readout) => toMarkdown(r).split('\n').length;
    expect(lines(big)).toBe(lines(readout));
  }, 15_000);

  it('gives no round for the cell where only two people wrote, merging it with the round before', () => {
    const q3 = readout.appendix.filter((e) => e.question === 3);
    expect(new Set(q3.map((e) => JSON.stringify(e.rounds)))).toEqual(new Set(['{"from":1,"to":1}', '{"from":2,"to":3}']));
    expect(readout.appendix.filter((e) => e.question !== 3).every((e) => e.rounds && e.rounds.from === e.rounds.to)).toBe(true);
  });

  it('counts the attribution findings kept, by reason', () => {
    expect(readout.method.kept.map((k) => k.reason)).toEqual(['not-a-participant', 'public-role']);
    expect(toMarkdown(readout)).toMatch(
      /\d+ findings were kept as written, for a stated reason: \d+ that names? nobody in this session and \d+ that names? public figures? in a public role\./,
    );
  });
});
