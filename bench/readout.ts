import { chromium } from 'playwright-core';
import { toDocx } from '../server/exports/docx.ts';
import { pdfFonts } from '../server/exports/pdf/fonts.ts';
import { Paper, toPdf } from '../server/exports/pdf/pdf.ts';
import { buildReadout } from '../shared/harvest/readout.ts';
import { DownloadKind, toHtml, toMarkdown } from '../shared/harvest/render.ts';
import { readoutCafe, READOUT_NOW } from '../tests/support/readoutCafe.ts';

/**
 * The readout benchmark: the golden café of the tests at three densities of notes, each readout
 * built and rendered in every format. The baseline, measured in the same run, is the Word
 * export (the heaviest format before the PDF). Times are medians of warm runs on the main
 * thread; the PDF fonts are opened once per process, timed on their own. Then the public page's
 * height in Chromium at 1366×800 and 390×844, as screens of that height.
 */

const RUNS = Number(process.env.READOUT_RUNS ?? 9);

const cafes = [
  { name: 'golden café', perRound: undefined },
  // About the 245 notes of the example.
  { name: 'a busier café', perRound: (p: number, r: number) => 2 + ((p + r) % 3 === 0 ? 1 : 0) + (p % 7 === 0 ? 1 : 0) + (p % 2 === 0 ? 1 : 0) },
  { name: 'four times the notes', perRound: (p: number, r: number) => 4 + ((p + r) % 3 === 0 ? 1 : 0) + (p % 2) },
];

async function median(fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

const t0 = performance.now();
pdfFonts();
console.log(`PDF fonts opened once: ${ms(performance.now() - t0)}\n`);

// Warm up: the first renders pay for compiling the code and filling fontkit's caches.
{
  const { cafe, input } = readoutCafe();
  const readout = buildReadout(cafe.state, { version: 1, minGroupSize: 3, now: READOUT_NOW, input }).readout;
  for (let i = 0; i < 3; i++) await Promise.all([toDocx(readout), toPdf(readout, { paper: Paper.a4 }), toPdf(readout, { paper: Paper.letter })]);
}

const rows: string[][] = [];
const pages: { name: string; notes: number; html: string }[] = [];
for (const c of cafes) {
  const { cafe, input } = readoutCafe(c.perRound ? { notesPerRound: c.perRound } : {});
  const build = () => buildReadout(cafe.state, { version: 1, minGroupSize: 3, now: READOUT_NOW, input }).readout;
  const readout = build();
  const docx = await median(() => toDocx(readout));
  const pdfBytes = (await toPdf(readout, { paper: Paper.a4 })).length;
  const figures = {
    build: await median(build),
    md: await median(() => toMarkdown(readout)),
    html: await median(() => toHtml(readout)),
    docx,
    a4: await median(() => toPdf(readout, { paper: Paper.a4 })),
    letter: await median(() => toPdf(readout, { paper: Paper.letter })),
  };
  rows.push([
    c.name,
    String(readout.method.notes),
    ms(figures.build),
    ms(figures.md),
    ms(figures.html),
    ms(figures.docx),
    `${ms(figures.a4)} (${(figures.a4 / docx).toFixed(1)} ×)`,
    `${ms(figures.letter)} (${(figures.letter / docx).toFixed(1)} ×)`,
    `${Math.round(pdfBytes / 1024)} kB`,
  ]);
  const links = Object.values(DownloadKind).map((kind) => ({ kind, href: `#${kind}` }));
  pages.push({ name: c.name, notes: readout.method.notes, html: toHtml(readout, { downloads: links }) });
}

console.log('| café | notes | build | Markdown | HTML | Word (baseline) | PDF A4 (× Word) | PDF Letter (× Word) | PDF size |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  console.log('\n| café | notes | page at 1366×800 | page at 390×844 |');
  console.log('|---|--:|--:|--:|');
  for (const p of pages) {
    const heights: string[] = [];
    for (const viewport of [
      { width: 1366, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.setContent(p.html);
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      heights.push(`${h.toLocaleString('en')} px (${(h / viewport.height).toFixed(1)} screens)`);
      await page.close();
    }
    console.log(`| ${p.name} | ${p.notes} | ${heights.join(' | ')} |`);
  }
} finally {
  await browser.close();
}
