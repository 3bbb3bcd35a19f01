import { describeFate, type Readout, type StakeholderStats } from './types.ts';

/**
 * Renderers from a `Readout` to text formats. Each is a pure function of the readout, so the
 * same readout always gives the same bytes, and every format carries the same content.
 */

export const readoutLabels = {
  heading: (r: Readout) => `${r.title} — readout`,
  meta: (r: Readout) => `Published ${r.date} · version ${r.version}`,
  rule: 'Chatham House Rule',
  participants: 'Participants',
  total: (s: StakeholderStats) => `${s.total} ${s.total === 1 ? 'participant' : 'participants'}`,
  groupsNote: (s: StakeholderStats) =>
    s.groups.length ? `Groups of fewer than ${s.minGroupSize} are counted under “Other”.` : `No breakdown: fewer than ${s.minGroupSize} participants.`,
  question: (n: number) => `Question ${n}`,
  synthesis: 'Synthesis',
  themes: 'Themes',
  noThemes: 'No themes.',
  keyFinding: 'Key finding',
  votes: (n: number) => `${n} ${n === 1 ? 'vote' : 'votes'}`,
  notes: (n: number) => `${n} ${n === 1 ? 'note' : 'notes'}`,
  summaries: 'Table hosts’ summaries',
  round: (n: number) => `Round ${n}`,
  stakeholders: 'Who took part in this question',
  appendix: 'Appendix: what became of every note',
  appendixIntro: 'Every note written, numbered in an order that says nothing about who wrote it or when.',
};

function stats(s: StakeholderStats): string[] {
  return [readoutLabels.total(s), ...s.groups.map((g) => `${g.group}: ${g.count}`)];
}

// ───────── Markdown ─────────

/** Escapes what Markdown would read as formatting, so participants' words stay words. */
export function mdEscape(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^([#+\-=>]|\d+[.)])/, (m) => `\\${m}`);
}

export function toMarkdown(r: Readout): string {
  const out: string[] = [];
  out.push(`# ${mdEscape(readoutLabels.heading(r))}`, '', mdEscape(readoutLabels.meta(r)), '');
  out.push(`> **${readoutLabels.rule}.** ${mdEscape(r.rule)}`, '');
  out.push(`## ${readoutLabels.participants}`, '');
  for (const line of stats(r.participants)) out.push(`- ${mdEscape(line)}`);
  out.push('', mdEscape(readoutLabels.groupsNote(r.participants)), '');
  for (const q of r.questions) {
    out.push(`## ${readoutLabels.question(q.number)}: ${mdEscape(q.question)}`, '');
    out.push(mdEscape(readoutLabels.notes(q.noteCount)), '');
    if (q.synthesis) out.push(`### ${readoutLabels.synthesis}`, '', mdEscape(q.synthesis), '');
    out.push(`### ${readoutLabels.themes}`, '');
    if (!q.themes.length) out.push(readoutLabels.noThemes, '');
    for (const t of q.themes) {
      out.push(`#### ${mdEscape(t.name)}${t.keyFinding ? ` (${readoutLabels.keyFinding})` : ''} — ${readoutLabels.votes(t.votes)}`, '');
      for (const quote of t.quotes) out.push(`- **${quote.ref}** ${mdEscape(quote.text)}`);
      if (t.quotes.length) out.push('');
    }
    if (q.summaries.length) {
      out.push(`### ${readoutLabels.summaries}`, '');
      for (const s of q.summaries) out.push(`- **${readoutLabels.round(s.round)}:** ${mdEscape(s.text)}`);
      out.push('');
    }
    out.push(`### ${readoutLabels.stakeholders}`, '');
    for (const line of stats(q.stakeholders)) out.push(`- ${mdEscape(line)}`);
    out.push('');
  }
  out.push(`## ${readoutLabels.appendix}`, '', readoutLabels.appendixIntro, '');
  out.push('| Note | Question | Round | What became of it |', '| --- | --- | --- | --- |');
  for (const e of r.appendix) out.push(`| ${e.ref} | ${e.question} | ${e.round} | ${mdEscape(describeFate(e.fate))} |`);
  out.push('');
  return out.join('\n');
}

// ───────── HTML ─────────

export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PRINT_CSS = `
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1b1f; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.25rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
.meta { color: #555; margin-top: 0; }
.rule { border-left: 4px solid #3b5bdb; background: #f1f3ff; padding: .5rem 1rem; margin: 1rem 0; }
.key { display: inline-block; font-size: .8rem; font-weight: 600; background: #fff3bf; border: 1px solid #e0b000; border-radius: .25rem; padding: 0 .35rem; margin-left: .4rem; }
.votes { color: #555; font-weight: normal; }
.ref { font-weight: 600; color: #444; margin-right: .35rem; }
ul { padding-left: 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.question { break-before: page; page-break-before: always; }
  li, tr { break-inside: avoid; page-break-inside: avoid; }
  .rule { background: none; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 2cm; }
`;

function statsHtml(s: StakeholderStats): string {
  return `<ul>${stats(s).map((line) => `<li>${htmlEscape(line)}</li>`).join('')}</ul><p>${htmlEscape(readoutLabels.groupsNote(s))}</p>`;
}

export function toHtml(r: Readout): string {
  const h: string[] = [];
  h.push('<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  h.push(`<title>${htmlEscape(readoutLabels.heading(r))}</title>`, '<meta name="robots" content="noindex">', `<style>${PRINT_CSS}</style>`, '</head>', '<body>', '<main>');
  h.push(`<h1>${htmlEscape(readoutLabels.heading(r))}</h1>`, `<p class="meta">${htmlEscape(readoutLabels.meta(r))}</p>`);
  h.push(`<p class="rule"><strong>${readoutLabels.rule}.</strong> ${htmlEscape(r.rule)}</p>`);
  h.push(`<section aria-labelledby="participants"><h2 id="participants">${readoutLabels.participants}</h2>${statsHtml(r.participants)}</section>`);
  for (const q of r.questions) {
    const id = `q${q.number}`;
    h.push(`<section class="question" aria-labelledby="${id}">`, `<h2 id="${id}">${readoutLabels.question(q.number)}: ${htmlEscape(q.question)}</h2>`);
    h.push(`<p class="meta">${htmlEscape(readoutLabels.notes(q.noteCount))}</p>`);
    if (q.synthesis) h.push(`<h3>${readoutLabels.synthesis}</h3>`, `<p>${htmlEscape(q.synthesis)}</p>`);
    h.push(`<h3>${readoutLabels.themes}</h3>`);
    if (!q.themes.length) h.push(`<p>${readoutLabels.noThemes}</p>`);
    for (const t of q.themes) {
      h.push(
        `<h4>${htmlEscape(t.name)}${t.keyFinding ? ` <span class="key">${readoutLabels.keyFinding}</span>` : ''} <span class="votes">— ${readoutLabels.votes(t.votes)}</span></h4>`,
      );
      if (t.quotes.length) h.push(`<ul>${t.quotes.map((quote) => `<li><span class="ref">${quote.ref}</span>${htmlEscape(quote.text)}</li>`).join('')}</ul>`);
    }
    if (q.summaries.length) {
      h.push(`<h3>${readoutLabels.summaries}</h3>`);
      h.push(`<ul>${q.summaries.map((s) => `<li><strong>${readoutLabels.round(s.round)}:</strong> ${htmlEscape(s.text)}</li>`).join('')}</ul>`);
    }
    h.push(`<h3>${readoutLabels.stakeholders}</h3>`, statsHtml(q.stakeholders), '</section>');
  }
  h.push(`<section aria-labelledby="appendix"><h2 id="appendix">${readoutLabels.appendix}</h2>`, `<p>${readoutLabels.appendixIntro}</p>`);
  h.push('<table><thead><tr><th scope="col">Note</th><th scope="col">Question</th><th scope="col">Round</th><th scope="col">What became of it</th></tr></thead><tbody>');
  for (const e of r.appendix) h.push(`<tr><td>${e.ref}</td><td>${e.question}</td><td>${e.round}</td><td>${htmlEscape(describeFate(e.fate))}</td></tr>`);
  h.push('</tbody></table></section>', '</main>', '</body>', '</html>', '');
  return h.join('\n');
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

export const CSV_COLUMNS = ['section', 'question', 'theme', 'key_finding', 'votes', 'note', 'round', 'label', 'text'] as const;

/** One table holding everything: one row per fact, the `section` column says which. */
export function csvRows(r: Readout): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const row = (section: string, fields: Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>) =>
    rows.push(CSV_COLUMNS.map((c) => (c === 'section' ? section : fields[c] ?? '')));
  row('readout', { label: 'title', text: r.title });
  row('readout', { label: 'date', text: r.date });
  row('readout', { label: 'version', text: r.version });
  row('readout', { label: 'rule', text: r.rule });
  row('participants', { label: 'total', votes: r.participants.total });
  for (const g of r.participants.groups) row('participants', { label: g.group, votes: g.count });
  for (const q of r.questions) {
    row('question', { question: q.number, text: q.question, votes: q.noteCount, label: 'notes' });
    if (q.synthesis) row('synthesis', { question: q.number, text: q.synthesis });
    for (const t of q.themes) {
      row('theme', { question: q.number, theme: t.name, key_finding: t.keyFinding ? 'yes' : 'no', votes: t.votes });
      for (const quote of t.quotes) row('quote', { question: q.number, theme: t.name, note: quote.ref, text: quote.text });
    }
    for (const s of q.summaries) row('summary', { question: q.number, round: s.round, text: s.text });
    row('stakeholders', { question: q.number, label: 'total', votes: q.stakeholders.total });
    for (const g of q.stakeholders.groups) row('stakeholders', { question: q.number, label: g.group, votes: g.count });
  }
  for (const e of r.appendix) row('appendix', { note: e.ref, question: e.question, round: e.round, text: describeFate(e.fate) });
  return rows;
}

export function toCsv(r: Readout): string {
  return [CSV_COLUMNS as readonly string[], ...csvRows(r)].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
