import { describeFate, type MessageId } from './i18n/index.ts';
import { buildReport, headingText, type Block, type Report } from './report.ts';
import type { Readout } from './types.ts';

/**
 * The text formats of a readout. Markdown and HTML lay out the report's blocks (./report.ts);
 * JSON and CSV carry the readout's data. Each is a pure function of the readout, so the same
 * readout always gives the same bytes.
 */

/** The downloads the public page offers, in the order it lists them. */
export const DownloadKind = {
  pdfA4: 'pdf-a4',
  pdfLetter: 'pdf-letter',
  docx: 'docx',
  md: 'md',
  html: 'html',
  json: 'json',
  csv: 'csv',
} as const;
export type DownloadKind = (typeof DownloadKind)[keyof typeof DownloadKind];

const DOWNLOAD_LABEL: Record<DownloadKind, MessageId> = {
  'pdf-a4': 'download.pdf-a4',
  'pdf-letter': 'download.pdf-letter',
  docx: 'download.docx',
  md: 'download.md',
  html: 'download.html',
  json: 'download.json',
  csv: 'download.csv',
};

// ───────── Markdown ─────────

/** Escapes what Markdown would read as formatting, so participants' words stay words. */
export function mdEscape(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>|~#])/g, '\\$1')
    .replace(/^([+\-=>]|\d+[.)])/, (m) => `\\${m}`);
}

export function toMarkdown(r: Readout): string {
  const report = buildReport(r);
  const { t } = report.words;
  const out: string[] = [`# ${mdEscape(report.title)}`, '', `*${mdEscape(report.kind)}*  `];
  if (report.event) out.push(`**${mdEscape(report.event)}**  `);
  out.push(mdEscape(report.published), '');
  out.push(
    `> **${mdEscape(report.notice.lead)}**${report.notice.gap}${mdEscape(report.notice.lines[0]!)}`,
    '>',
    ...report.notice.lines.slice(1).map((l) => `> ${mdEscape(l)}`),
    '',
  );
  for (const b of report.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${mdEscape(headingText(b, report.words))}`, '');
        break;
      case 'paragraph':
        out.push(b.tone === 'muted' ? `*${mdEscape(b.text)}*` : mdEscape(b.text), '');
        break;
      case 'list':
        out.push(...b.items.map((item) => `- ${mdEscape(item)}`), '');
        break;
      case 'theme':
        out.push(`#### ${mdEscape(b.name)}`, '', `*${mdEscape(b.figures)}*`, '');
        if (b.synthesis) out.push(mdEscape(b.synthesis), '');
        for (const quote of b.quotes) out.push(`> ${mdEscape(t('quote', { text: quote.text }))} — ${quote.ref}`, '');
        break;
      case 'appendix':
        out.push(...b.lines.map((line) => `- ${mdEscape(line.fate)}${t('sep.label')}${line.refs}`), '');
        break;
    }
  }
  return out.join('\n');
}

// ───────── HTML ─────────

export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Participants' and rapporteurs' words: their direction is their own, whatever the page's. */
const user = (text: string, tag = 'span') => `<${tag} dir="auto">${htmlEscape(text)}</${tag}>`;

// Logical properties only (inline/block, start/end): the same sheet lays out a right-to-left page.
const CSS = `
:root { color-scheme: light; --ink: #1b1b1f; --muted: #595966; --line: #d8d8e0; --accent: #2f4fbf; --key: #b7860b; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; }
.page { max-inline-size: 46rem; margin-inline: auto; padding: 2.5rem 1.25rem 4rem; }
.kind { margin: 0 0 .35rem; color: var(--muted); font-size: .8rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 0 0 .5rem; font-size: clamp(1.6rem, 2.5vw + 1rem, 2.3rem); line-height: 1.2; }
.event { margin: 0; font-weight: 600; }
.published { margin: .15rem 0 0; color: var(--muted); font-size: .9rem; }
.notice { margin-block: 1.5rem; padding: .8rem 1rem; border-inline-start: 4px solid var(--accent); background: #f1f3fb; }
.notice p { margin: 0; }
.notice .rule { margin-block-start: .4rem; font-size: .88rem; color: #33333d; }
.downloads { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-block: 0 1rem; font-size: .9rem; }
.downloads h2 { all: unset; font-weight: 600; margin-inline-end: .25rem; }
.downloads ul { display: contents; list-style: none; }
.downloads li { margin: 0; }
.downloads a { display: inline-block; padding: .2rem .55rem; border: 1px solid #c5cbe8; border-radius: .3rem; color: var(--accent); text-decoration: none; }
.downloads a:hover, .downloads a:focus-visible { background: #f1f3fb; text-decoration: underline; }
h2 { margin-block: 2.5rem .75rem; padding-block-end: .3rem; border-block-end: 1px solid var(--line); font-size: 1.4rem; line-height: 1.3; }
h3 { margin-block: 1.6rem .5rem; color: var(--muted); font-size: .95rem; letter-spacing: .03em; text-transform: uppercase; }
h4 { margin: 0; font-size: 1.05rem; line-height: 1.35; }
p { margin-block: 0 .75rem; }
ul { margin-block: 0 1rem; padding-inline-start: 1.25rem; }
li { margin-block-end: .3rem; }
.muted { color: var(--muted); font-size: .92rem; }
.theme { margin-block: .6rem 1.1rem; }
.theme--key { padding: .65rem .9rem; border-inline-start: 4px solid var(--key); background: #fdf8ea; }
.figures { margin-block: .1rem .45rem; color: var(--muted); font-size: .86rem; }
.theme p:last-child, .theme blockquote:last-child { margin-block-end: 0; }
blockquote { margin: .5rem 0 .6rem; padding-inline-start: .9rem; border-inline-start: 2px solid var(--line); color: #2c2c35; }
blockquote p { margin: 0; }
.ref { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.fates { padding: 0; list-style: none; font-size: .92rem; }
.fates li { margin: 0; padding-block: .3rem; border-block-end: 1px dotted var(--line); }
.fates .refs { color: var(--muted); font-variant-numeric: tabular-nums; }
@media (max-width: 30rem) {
  body { font-size: 16px; }
  .page { padding: 1.5rem 1rem 3rem; }
  h2 { font-size: 1.25rem; }
}
@media print {
  body { font-size: 10.5pt; }
  .page { max-inline-size: none; padding: 0; }
  .downloads { display: none; }
  .notice, .theme--key { background: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .theme, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 2cm; }
`;

function blockHtml(b: Block, report: Report): string {
  const { t } = report.words;
  switch (b.kind) {
    case 'heading': {
      const text = b.text === undefined ? '' : `${htmlEscape(t('sep.label'))}${user(b.text)}`;
      return `<h${b.level} id="${b.id}">${htmlEscape(b.label)}${text}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p${b.tone === 'muted' ? ' class="muted"' : ''}${b.user ? ' dir="auto"' : ''}>${htmlEscape(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((item) => (b.user ? user(item, 'li') : `<li>${htmlEscape(item)}</li>`)).join('')}</ul>`;
    case 'theme':
      return [
        `<article class="theme${b.keyFinding ? ' theme--key' : ''}">`,
        user(b.name, 'h4'),
        `<p class="figures">${htmlEscape(b.figures)}</p>`,
        b.synthesis ? user(b.synthesis, 'p') : '',
        ...b.quotes.map((q) => `<blockquote dir="auto"><p>${htmlEscape(t('quote', { text: q.text }))} <span class="ref">${q.ref}</span></p></blockquote>`),
        '</article>',
      ].join('');
    case 'appendix':
      return `<ul class="fates">${b.lines.map((l) => `<li dir="auto">${htmlEscape(l.fate)}${htmlEscape(t('sep.label'))}<span class="refs">${htmlEscape(l.refs)}</span></li>`).join('')}</ul>`;
  }
}

export interface HtmlOptions {
  /** Links to every format, for the public page; a downloaded file goes without. */
  downloads?: { kind: DownloadKind; href: string }[];
}

export function toHtml(r: Readout, options: HtmlOptions = {}): string {
  const report = buildReport(r);
  const { t } = report.words;
  const h: string[] = [
    '<!doctype html>',
    `<html lang="${report.language}" dir="${report.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${htmlEscape(`${report.title} — ${report.kind}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="page">',
    '<header>',
    `<p class="kind">${htmlEscape(report.kind)}</p>`,
    user(report.title, 'h1'),
    report.event ? `<p class="event" dir="auto">${htmlEscape(report.event)}</p>` : '',
    `<p class="published">${htmlEscape(report.published)}</p>`,
    `<section class="notice" aria-label="${htmlEscape(report.notice.label)}"><p><strong>${htmlEscape(report.notice.lead)}</strong>${report.notice.gap}${htmlEscape(report.notice.lines[0]!)}</p>${report.notice.lines
      .slice(1)
      .map((l) => `<p class="rule">${htmlEscape(l)}</p>`)
      .join('')}</section>`,
  ];
  if (options.downloads?.length) {
    h.push(
      `<nav class="downloads" aria-labelledby="downloads"><h2 id="downloads">${htmlEscape(t('downloads'))}</h2><ul>${options.downloads
        .map((d) => `<li><a href="${htmlEscape(d.href)}" download>${htmlEscape(t(DOWNLOAD_LABEL[d.kind]))}</a></li>`)
        .join('')}</ul></nav>`,
    );
  }
  h.push('</header>', '<main>');
  // Each level-2 heading opens a section that runs to the next one.
  let open = false;
  for (const b of report.blocks) {
    if (b.kind === 'heading' && b.level === 2) {
      if (open) h.push('</section>');
      h.push(`<section aria-labelledby="${b.id}"${/^q\d+$/.test(b.id) ? ' class="question"' : ''}>`);
      open = true;
    }
    h.push(blockHtml(b, report));
  }
  if (open) h.push('</section>');
  h.push('</main>', '</div>', '</body>', '</html>', '');
  return h.filter(Boolean).join('\n');
}

// ───────── JSON ─────────

export function toJson(r: Readout): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

// ───────── CSV ─────────

/** RFC 4180: every field quoted, quotes doubled; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: string | number | boolean): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = ['section', 'question', 'theme', 'key_finding', 'notes', 'tables', 'votes', 'note', 'rounds', 'label', 'count', 'text'] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/** One table holding everything: one row per fact, the `section` column says which. */
export function csvRows(r: Readout): (string | number)[][] {
  const words = buildReport(r).words;
  const rows: (string | number)[][] = [];
  const row = (section: string, fields: CsvRow) => rows.push(CSV_COLUMNS.map((c) => (c === 'section' ? section : (fields[c] ?? ''))));
  const m = r.method;
  row('readout', { label: 'title', text: r.title });
  row('readout', { label: 'description', text: r.description });
  row('readout', { label: 'event_date', text: r.event.date });
  row('readout', { label: 'event_place', text: r.event.place });
  row('readout', { label: 'published', text: r.published });
  row('readout', { label: 'version', count: r.version });
  row('readout', { label: 'language', text: r.language });
  row('readout', { label: 'rule', text: words.t('rule.text') });
  const counts: [string, number | null][] = [
    ['tables', m.tables],
    ['rounds', m.rounds],
    ['round_minutes', m.roundMinutes],
    ['questions', m.questions],
    ['notes', m.notes],
    ['remote', m.remote],
    ['votes_per_participant', m.votes?.perParticipant ?? null],
    ['votes_cast', m.votes?.cast ?? null],
  ];
  for (const [label, count] of counts) if (count !== null) row('method', { label, count });
  row('participants', { label: 'total', count: m.participants.total });
  for (const g of m.participants.groups) row('participants', { label: g.group, count: g.count });
  for (const k of m.kept) row('kept_finding', { label: k.reason, count: k.count });
  for (const x of r.takeaways) row('takeaway', { question: x.question, text: x.text });
  for (const q of r.questions) {
    row('question', { question: q.number, notes: q.notes, tables: q.tables, text: q.question });
    if (q.summary) row('summary', { question: q.number, text: q.summary });
    row('stakeholders', { question: q.number, label: 'total', count: q.stakeholders.total });
    for (const g of q.stakeholders.groups) row('stakeholders', { question: q.number, label: g.group, count: g.count });
    for (const th of q.themes) {
      row('theme', {
        question: q.number,
        theme: th.name,
        key_finding: th.keyFinding ? 'yes' : 'no',
        notes: th.notes,
        tables: th.tables,
        votes: th.votes,
        text: th.synthesis,
      });
      for (const quote of th.quotes) row('quote', { question: q.number, theme: th.name, note: quote.ref, text: quote.text });
    }
  }
  for (const x of r.setAside) row('left_out', { label: x.category, count: x.count });
  for (const e of r.appendix) {
    const theme = e.fate.kind === 'theme' || e.fate.kind === 'merged' ? e.fate.theme : null;
    const rounds = e.rounds === null ? null : e.rounds.from === e.rounds.to ? String(e.rounds.from) : `${e.rounds.from}-${e.rounds.to}`;
    row('appendix', { question: e.question, theme, note: e.ref, rounds, label: e.fate.kind, text: describeFate(e.fate, words) });
  }
  return rows;
}

export function toCsv(r: Readout): string {
  return [CSV_COLUMNS as readonly string[], ...csvRows(r)].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
