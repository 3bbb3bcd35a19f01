/** A plain-text table with a header row and columns padded to fit; the first column left-aligned. */
export function renderTable(header: string[], rows: (string[] | string)[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (typeof r === 'string' ? 0 : (r[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (typeof r === 'string' ? r : line(r)))].join('\n');
}

export const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const secs = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : `${v.toFixed(2)} s`);
export const bytes = (v: number | undefined) => {
  if (v === undefined || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  return a >= 1 << 30
    ? `${(v / (1 << 30)).toFixed(2)} GiB`
    : a >= 1 << 20
      ? `${(v / (1 << 20)).toFixed(1)} MiB`
      : a >= 1024
        ? `${(v / 1024).toFixed(1)} kB`
        : `${v.toFixed(0)} B`;
};
export const num = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));
