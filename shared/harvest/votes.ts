/**
 * Dots left to place: the budget less the dots already on standing themes. One rule for the
 * server's acknowledgements and the phone's ballot, which counts from the dots the server sent it.
 */
export function dotsLeftOf(budget: number, dots: Readonly<Record<string, number>>): number {
  let used = 0;
  for (const n of Object.values(dots)) used += n;
  return Math.max(0, budget - used);
}
