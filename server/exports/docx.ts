import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import JSZip from 'jszip';
import { readoutLabels } from '../../shared/harvest/render.ts';
import { describeFate, type Readout, type StakeholderStats } from '../../shared/harvest/types.ts';

/**
 * The readout as a Word document, for people who cannot use online suites. Same content as the
 * other formats, and byte-for-byte the same for the same readout: `docx` stamps the document
 * with the current time and its zip entries with the current time, so both are pinned to the
 * readout's day, and the archive is rebuilt with JSZip in the same entry order.
 */
export async function toDocx(r: Readout): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const p = (text: string, opts: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ heading: opts.heading, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })] });
  const bullet = (runs: TextRun[]) => new Paragraph({ bullet: { level: 0 }, children: runs });
  const stats = (s: StakeholderStats) => {
    children.push(bullet([new TextRun(readoutLabels.total(s))]));
    for (const g of s.groups) children.push(bullet([new TextRun(`${g.group}: ${g.count}`)]));
    children.push(p(readoutLabels.groupsNote(s), { italics: true }));
  };

  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(readoutLabels.heading(r))] }));
  children.push(p(readoutLabels.meta(r), { italics: true }));
  children.push(new Paragraph({ children: [new TextRun({ text: `${readoutLabels.rule}. `, bold: true }), new TextRun(r.rule)] }));
  children.push(p(readoutLabels.participants, { heading: HeadingLevel.HEADING_1 }));
  stats(r.participants);

  for (const q of r.questions) {
    children.push(p(`${readoutLabels.question(q.number)}: ${q.question}`, { heading: HeadingLevel.HEADING_1 }));
    children.push(p(readoutLabels.notes(q.noteCount), { italics: true }));
    if (q.synthesis) {
      children.push(p(readoutLabels.synthesis, { heading: HeadingLevel.HEADING_2 }));
      children.push(p(q.synthesis));
    }
    children.push(p(readoutLabels.themes, { heading: HeadingLevel.HEADING_2 }));
    if (!q.themes.length) children.push(p(readoutLabels.noThemes));
    for (const t of q.themes) {
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_3,
          children: [
            new TextRun(t.name),
            ...(t.keyFinding ? [new TextRun({ text: ` (${readoutLabels.keyFinding})`, bold: true })] : []),
            new TextRun(` — ${readoutLabels.votes(t.votes)}`),
          ],
        }),
      );
      for (const quote of t.quotes) children.push(bullet([new TextRun({ text: `${quote.ref} `, bold: true }), new TextRun(quote.text)]));
    }
    if (q.summaries.length) {
      children.push(p(readoutLabels.summaries, { heading: HeadingLevel.HEADING_2 }));
      for (const s of q.summaries) children.push(bullet([new TextRun({ text: `${readoutLabels.round(s.round)}: `, bold: true }), new TextRun(s.text)]));
    }
    children.push(p(readoutLabels.stakeholders, { heading: HeadingLevel.HEADING_2 }));
    stats(q.stakeholders);
  }

  children.push(p(readoutLabels.appendix, { heading: HeadingLevel.HEADING_1 }));
  children.push(p(readoutLabels.appendixIntro));
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: ['Note', 'Question', 'Round', 'What became of it'].map((h) => cell(h, true)) }),
        ...r.appendix.map((e) => new TableRow({ children: [cell(e.ref), cell(String(e.question)), cell(String(e.round)), cell(describeFate(e.fate))] })),
      ],
    }),
  );
  children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [] }));

  const doc = new Document({
    creator: 'Tablehop',
    lastModifiedBy: 'Tablehop',
    title: readoutLabels.heading(r),
    description: 'Readout under the Chatham House Rule',
    revision: r.version,
    sections: [{ children }],
  });
  return normalise(await Packer.toBuffer(doc), r.date);
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
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}
