import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { directionOf } from '../../shared/harvest/direction.ts';
import { LANGUAGE_PACKS } from '../../shared/harvest/i18n/catalogs.ts';
import { buildReport, headingText, type Block, type Report } from '../../shared/harvest/report.ts';
import type { Readout } from '../../shared/harvest/types.ts';

/**
 * The readout as a Word document, for people who edit reports in an office suite: the same
 * blocks as every other format (shared/harvest/report.ts), with page numbers in the footer.
 * Byte-for-byte the same for the same readout: `docx` stamps the document and its zip entries
 * with the current time, so both are pinned to the day of publication, and the archive is
 * rebuilt with JSZip in the same entry order.
 */

const MUTED = '5A5A66';

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel];
interface ParaOptions {
  heading?: Heading;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  /** People's words: the paragraph takes their direction rather than the language's. */
  user?: boolean;
  indent?: boolean;
  bullet?: boolean;
}
type Para = (text: string, opts?: ParaOptions) => Paragraph;

export async function toDocx(r: Readout): Promise<Buffer> {
  const report = buildReport(r);
  const { t } = report.words;
  const children: Paragraph[] = [];
  // A paragraph of people's words takes their direction; the report's own words take the language's.
  const bidi = (text: string, own: boolean) => (own ? directionOf(text, report.dir) : report.dir) === 'rtl';
  const para: Para = (text, opts = {}) =>
    new Paragraph({
      heading: opts.heading,
      bidirectional: bidi(text, !!opts.user),
      ...(opts.indent ? { indent: { start: 400 } } : {}),
      ...(opts.bullet ? { bullet: { level: 0 } } : {}),
      children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, color: opts.color })],
    });

  children.push(para(report.kind, { color: MUTED }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: bidi(report.title, true), children: [new TextRun(report.title)] }));
  if (report.event) children.push(para(report.event, { bold: true, user: true }));
  children.push(para(report.published, { italics: true, color: MUTED }));
  children.push(
    new Paragraph({
      bidirectional: report.dir === 'rtl',
      border: { left: { style: BorderStyle.SINGLE, size: 24, color: '2F4FBF', space: 8 } },
      children: [new TextRun({ text: `${report.notice.lead}${report.notice.gap}`, bold: true }), new TextRun(report.notice.lines[0]!)],
    }),
  );
  for (const line of report.notice.lines.slice(1)) {
    children.push(
      new Paragraph({
        bidirectional: report.dir === 'rtl',
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: '2F4FBF', space: 8 } },
        children: [new TextRun({ text: line, size: 18 })],
      }),
    );
  }

  for (const b of report.blocks) children.push(...blockParagraphs(b, report, para));

  const pageLine = t('page', { page: '\u0001', pages: '\u0002' });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: pageLine
          // eslint-disable-next-line no-control-regex -- \u0001 and \u0002 mark where the page numbers go.
          .split(/(\u0001|\u0002)/)
          .map((part) =>
            part === '\u0001'
              ? new TextRun({ children: [PageNumber.CURRENT], size: 16, color: MUTED })
              : part === '\u0002'
                ? new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: MUTED })
                : new TextRun({ text: part, size: 16, color: MUTED }),
          ),
      }),
    ],
  });

  const doc = new Document({
    creator: 'Tablehop',
    lastModifiedBy: 'Tablehop',
    title: `${report.title} — ${report.kind}`,
    description: report.notice.lines[0],
    revision: r.version,
    styles: { default: { document: { run: { language: { value: LANGUAGE_PACKS[r.language].intl } } } } },
    sections: [{ footers: { default: footer }, children }],
  });
  return normalise(await Packer.toBuffer(doc), r.published);
}

function blockParagraphs(b: Block, report: Report, para: Para): Paragraph[] {
  const { t } = report.words;
  switch (b.kind) {
    case 'heading':
      return [para(headingText(b, report.words), { heading: b.level === 2 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, user: b.text !== undefined })];
    case 'paragraph':
      return [para(b.text, b.tone === 'muted' ? { italics: true, color: MUTED } : { user: !!b.user })];
    case 'list':
      return b.items.map((item) => para(item, { user: !!b.user, bullet: true }));
    case 'theme':
      return [
        para(b.name, { heading: HeadingLevel.HEADING_3, user: true }),
        para(b.figures, { italics: true, color: MUTED }),
        ...(b.synthesis ? [para(b.synthesis, { user: true })] : []),
        ...b.quotes.map((q) => para(`${t('quote', { text: q.text })} — ${q.ref}`, { italics: true, user: true, indent: true })),
      ];
    case 'appendix':
      return b.lines.map((line) => para(`${line.fate}${t('sep.label')}${line.refs}`, { bullet: true }));
  }
}

/** Pins every date in the package to the readout's day and rebuilds the zip deterministically. */
async function normalise(raw: Buffer, day: string): Promise<Buffer> {
  const stamp = `${day}T00:00:00Z`;
  const when = new Date(stamp);
  const source = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(source.files)) {
    const entry = source.files[name]!;
    if (entry.dir) continue;
    let data: Uint8Array | string = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = new TextDecoder()
        .decode(data)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    out.file(name, data, { date: when, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
