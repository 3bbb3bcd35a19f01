import PDFDocument from 'pdfkit';
import { LANGUAGE_PACKS } from '../../../shared/harvest/i18n/catalogs.ts';
import { buildReport, headingText, type Block, type Report } from '../../../shared/harvest/report.ts';
import type { Readout } from '../../../shared/harvest/types.ts';
import { pdfFonts } from './fonts.ts';
import { TextSetter, type LaidOut, type Span, type TextStyle } from './layout.ts';

/**
 * The readout as a print-ready PDF, made on the server with PDFKit (no browser): A4 or US
 * Letter, the Chatham House notice on the first page, "Page n of m" on every page, a bookmark
 * per section, fonts embedded (subsets of Noto, so any script a participant wrote in prints).
 * The same readout gives the same bytes: the document's dates are the day of publication, and
 * PDFKit derives the file's id from them.
 */

export const Paper = { a4: 'a4', letter: 'letter' } as const;
export type Paper = (typeof Paper)[keyof typeof Paper];

const SIZES: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] };
const MARGIN = { top: 62, bottom: 70, side: 64 };

const INK = '#1b1b1f';
const MUTED = '#595966';
const ACCENT = '#2f4fbf';
const KEY = '#b7860b';

const style = (font: TextStyle['font'], size: number, color = INK): TextStyle => ({ font, size, color });
const S = {
  kind: style('bold', 8.5, MUTED),
  title: style('bold', 21),
  event: style('bold', 11),
  published: style('regular', 9, MUTED),
  noticeLabel: style('bold', 10),
  notice: style('regular', 10),
  rule: style('regular', 8.5, '#33333d'),
  h2: style('bold', 15),
  h3: style('bold', 8.5, MUTED),
  body: style('regular', 10.5),
  muted: style('regular', 9, MUTED),
  theme: style('bold', 11.5),
  figures: style('regular', 8.5, MUTED),
  quote: style('italic', 10, '#2c2c35'),
  ref: style('regular', 8.5, MUTED),
  list: style('regular', 10.5),
  appendix: style('regular', 9),
  refs: style('regular', 9, MUTED),
  footer: style('regular', 7.5, MUTED),
} satisfies Record<string, TextStyle>;

const LEADING = 1.45;

interface ParagraphOptions {
  /** Points in from the start side. */
  indent?: number;
  before?: number;
  after?: number;
  /** Lines that must follow on the same page, as a height. */
  keepWithNext?: number;
  /** The direction of the container's start side; the paragraph's own text aligns by its own. */
  sideDir?: 'ltr' | 'rtl';
  bullet?: boolean;
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly setter = new TextSetter(pdfFonts());
  y = MARGIN.top;
  readonly left = MARGIN.side;
  readonly width: number;
  readonly bottom: number;

  constructor(
    readonly report: Report,
    readonly paper: Paper,
    published: Date,
  ) {
    const [w, h] = SIZES[paper];
    this.width = w - 2 * MARGIN.side;
    this.bottom = h - MARGIN.bottom;
    this.doc = new PDFDocument({
      size: [w, h],
      margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side },
      bufferPages: true,
      autoFirstPage: true,
      lang: LANGUAGE_PACKS[report.language].intl,
      displayTitle: true,
      info: {
        Title: `${report.title} — ${report.kind}`,
        Subject: report.notice.lines[0]!,
        Creator: 'Tablehop',
        Producer: 'Tablehop (PDFKit)',
        CreationDate: published,
        ModDate: published,
      },
    });
    for (const chain of Object.values(pdfFonts())) for (const f of chain) this.doc.registerFont(f.key, f.font as never);
  }

  lineHeight(laid: LaidOut): number[] {
    return laid.lines.map((l) => Math.max(...l.pieces.map((p) => p.style.size), 1) * LEADING);
  }

  /** Bars beside a block (a key finding, a quote), drawn page by page as the block runs on. */
  private readonly bars: { x: number; width: number; color: string; top: number }[] = [];

  beginBar(color: string, width: number, x: number) {
    this.bars.push({ x, width, color, top: this.y });
  }

  endBar() {
    const bar = this.bars.pop();
    if (bar && this.y > bar.top) this.doc.rect(bar.x, bar.top, bar.width, this.y - bar.top).fill(bar.color);
  }

  /** The x of a bar `inset` points in from the start side, with a gap before the text there. */
  barX(inset: number, width: number, dir: 'ltr' | 'rtl' = this.report.dir) {
    return dir === 'ltr' ? this.left + inset : this.left + this.width - inset - width;
  }

  newPage() {
    for (const bar of this.bars) if (this.y > bar.top) this.doc.rect(bar.x, bar.top, bar.width, this.y - bar.top).fill(bar.color);
    this.doc.addPage();
    this.y = MARGIN.top;
    for (const bar of this.bars) bar.top = this.y;
  }

  ensure(height: number) {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  layout(spans: Span[], indent = 0): LaidOut {
    return this.setter.layout(spans, this.width - indent, this.report.dir);
  }

  /** Sets a paragraph, breaking pages between its lines. */
  paragraph(spans: Span[], o: ParagraphOptions = {}) {
    const indent = (o.indent ?? 0) + (o.bullet ? 12 : 0);
    const laid = this.layout(spans, indent);
    const heights = this.lineHeight(laid);
    if (!laid.lines.length) return;
    if (o.before && this.y > MARGIN.top) this.y += o.before;
    // A paragraph's first two lines stay together, and together with what must follow it.
    this.ensure(heights.slice(0, 2).reduce((s, h) => s + h, 0) + (o.keepWithNext ?? 0));
    const side = o.sideDir ?? this.report.dir;
    for (const [i, line] of laid.lines.entries()) {
      const h = heights[i]!;
      if (this.y + h > this.bottom) this.newPage();
      const size = Math.max(...line.pieces.map((p) => p.style.size), 1);
      const baseline = this.y + size * 1.08;
      // The text aligns to its own start; indents and bars sit on the container's start side.
      let x = laid.dir === 'rtl' ? this.left + this.width - (side === 'rtl' ? indent : 0) - line.width : this.left + (side === 'ltr' ? indent : 0);
      if (o.bullet && i === 0) {
        const bx = side === 'ltr' ? this.left + (o.indent ?? 0) + 2 : this.left + this.width - (o.indent ?? 0) - 6;
        this.doc.circle(bx + 2, baseline - size * 0.32, 1.6).fill(line.pieces[0]?.style.color ?? INK);
      }
      for (const p of line.pieces) {
        if (p.bidi !== 'WS')
          this.doc.font(p.font.key).fontSize(p.style.size).fillColor(p.style.color).text(p.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
        x += p.width;
      }
      this.y += h;
    }
    this.y += o.after ?? 0;
  }
}

const upper = (s: string, report: Report) => s.toLocaleUpperCase(LANGUAGE_PACKS[report.language].intl);

function front(w: Writer) {
  const { report } = w;
  w.paragraph([{ text: upper(report.kind, report), style: S.kind }], { after: 4 });
  w.paragraph([{ text: report.title, style: S.title }], { after: 6 });
  if (report.event) w.paragraph([{ text: report.event, style: S.event }], { after: 1 });
  w.paragraph([{ text: report.published, style: S.published }], { after: 14 });

  // The notice, boxed: laid out first to know its height.
  const pad = 9;
  const inner = w.width - 2 * pad - 4;
  const first = w.setter.layout(
    [
      { text: `${report.notice.lead}${report.notice.gap}`, style: S.noticeLabel },
      { text: report.notice.lines[0]!, style: S.notice },
    ],
    inner,
    report.dir,
  );
  const rest = report.notice.lines.slice(1).map((l) => w.setter.layout([{ text: l, style: S.rule }], inner, report.dir));
  const height = [first, ...rest].reduce((s, laid) => s + w.lineHeight(laid).reduce((a, b) => a + b, 0), 0) + 2 * pad + 4 * rest.length;
  w.doc.rect(w.left, w.y, w.width, height).fill('#f1f3fb');
  w.doc.rect(report.dir === 'ltr' ? w.left : w.left + w.width - 4, w.y, 4, height).fill(ACCENT);
  const top = w.y;
  w.y += pad;
  const indent = pad + 4;
  w.paragraph(
    [
      { text: `${report.notice.lead}${report.notice.gap}`, style: S.noticeLabel },
      { text: report.notice.lines[0]!, style: S.notice },
    ],
    { indent },
  );
  for (const l of report.notice.lines.slice(1)) w.paragraph([{ text: l, style: S.rule }], { indent, before: 4 });
  w.y = top + height + 10;
}

function block(w: Writer, b: Block) {
  const { report } = w;
  const { t } = report.words;
  switch (b.kind) {
    case 'heading':
      if (b.level === 2) {
        w.ensure(15 * LEADING + 4 * 10.5 * LEADING + 22);
        if (w.y > MARGIN.top) w.y += 18;
        w.doc.outline.addItem(headingText(b, report.words));
        w.paragraph(
          [
            { text: b.text === undefined ? b.label : `${b.label}${t('sep.label')}`, style: S.h2 },
            ...(b.text === undefined ? [] : [{ text: b.text, style: S.h2 }]),
          ],
          { after: 3 },
        );
        w.doc
          .moveTo(w.left, w.y)
          .lineTo(w.left + w.width, w.y)
          .lineWidth(0.6)
          .strokeColor('#d8d8e0')
          .stroke();
        w.y += 8;
      } else {
        w.paragraph([{ text: upper(b.label, report), style: S.h3 }], { before: 10, after: 4, keepWithNext: (11.5 + 8.5 + 2 * 10.5) * LEADING + 16 });
      }
      return;
    case 'paragraph':
      w.paragraph([{ text: b.text, style: b.tone === 'muted' ? S.muted : S.body }], { after: 7 });
      return;
    case 'list':
      for (const item of b.items) w.paragraph([{ text: item, style: S.list }], { bullet: true, after: 3 });
      w.y += 5;
      return;
    case 'theme': {
      // A theme's name, figures and the start of its finding stay on one page.
      w.ensure((11.5 + 8.5 + 2 * 10.5) * LEADING + 16);
      w.y += 6;
      const indent = b.keyFinding ? 10 : 0;
      if (b.keyFinding) w.beginBar(KEY, 2.5, w.barX(0, 2.5));
      w.paragraph([{ text: b.name, style: S.theme }], { indent, after: 1 });
      w.paragraph([{ text: b.figures, style: S.figures }], { indent, after: 3 });
      if (b.synthesis) w.paragraph([{ text: b.synthesis, style: S.body }], { indent, after: 3 });
      for (const q of b.quotes) {
        // A quote's bar and indent follow the quote's own direction, as its `dir="auto"` does in HTML.
        const dir = w.setter.layout([{ text: q.text, style: S.quote }], w.width, report.dir).dir;
        w.y += 2;
        w.beginBar('#c9c9d3', 1.5, dir === report.dir ? w.barX(indent + 4, 1.5) : w.barX(4, 1.5, dir));
        w.paragraph(
          [
            { text: `${t('quote', { text: q.text })} `, style: S.quote },
            { text: q.ref, style: S.ref },
          ],
          { indent: indent + 12, sideDir: dir },
        );
        w.endBar();
        w.y += 2;
      }
      w.y += 3;
      if (b.keyFinding) w.endBar();
      w.y += 6;
      return;
    }
    case 'appendix':
      for (const line of b.lines) {
        w.paragraph(
          [
            { text: `${line.fate}${t('sep.label')}`, style: S.appendix },
            { text: line.refs, style: S.refs },
          ],
          { bullet: true, after: 2 },
        );
      }
      w.y += 4;
      return;
  }
}

/** "Title · Chatham House Rule" at the start of every page's foot, "Page n of m" at its end. */
function footers(w: Writer) {
  const { report, doc } = w;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const baseline = w.bottom + 34;
    const page = w.setter.layout([{ text: report.words.t('page', { page: i + 1, pages: range.count }), style: S.footer }], w.width, report.dir).lines[0]!;
    let label = `${report.title} · ${report.notice.label}`;
    let laid = w.setter.layout([{ text: label, style: S.footer }], w.width, report.dir);
    while ((laid.lines.length > 1 || laid.lines[0]!.width > w.width - page.width - 24) && label.length > 1) {
      label = `${[...label].slice(0, -2).join('')}…`;
      laid = w.setter.layout([{ text: label, style: S.footer }], w.width, report.dir);
    }
    const start = laid.lines[0]!;
    const draw = (line: typeof start, x: number) => {
      for (const p of line.pieces) {
        if (p.bidi !== 'WS')
          doc.font(p.font.key).fontSize(p.style.size).fillColor(p.style.color).text(p.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
        x += p.width;
      }
    };
    const rtl = report.dir === 'rtl';
    draw(start, rtl ? w.left + w.width - start.width : w.left);
    draw(page, rtl ? w.left : w.left + w.width - page.width);
  }
}

export async function toPdf(r: Readout, options: { paper: Paper } = { paper: Paper.a4 }): Promise<Buffer> {
  const report = buildReport(r);
  const published = new Date(`${r.published}T00:00:00Z`);
  const w = new Writer(report, options.paper, published);
  const chunks: Buffer[] = [];
  w.doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    w.doc.on('end', resolve);
    w.doc.on('error', reject);
  });
  front(w);
  for (const b of report.blocks) block(w, b);
  footers(w);
  w.doc.end();
  await done;
  return Buffer.concat(chunks);
}
