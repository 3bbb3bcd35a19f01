/**
 * Clients make note, theme and command ids with `nanoid()`: 21 URL-safe characters. Tests give
 * theirs a readable label, filled up to that length.
 */
export function cid(label: string): string {
  if (!/^[A-Za-z0-9_-]{1,21}$/.test(label)) throw new Error(`A test id label must be 1–21 URL-safe characters: ${label}`);
  return label.padEnd(21, '_');
}
