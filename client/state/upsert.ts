/** Upserts by id: a row already present is replaced in place, a new one goes last. */
export function upsertBy<T extends { id: string }>(list: readonly T[], rows: readonly T[]): T[] {
  const next = [...list];
  for (const row of rows) {
    const i = next.findIndex((x) => x.id === row.id);
    if (i < 0) next.push(row);
    else next[i] = row;
  }
  return next;
}
