/**
 * Note texts carry their send time, so any receiver, in any generator process, can time the
 * delivery without a lookup. The rest is filler of a realistic length (~140 characters).
 */
const FILLER = [
  'Identity should stay optional for public services',
  'Fund maintenance of open infrastructure, not only launches',
  'Consultation needs time, translation and a way to disagree',
  'Publish the decision log so people can see what changed',
  'Start with the smallest group that can act and report back',
];

export function noteText(sentAt: number, id: string, edited = false): string {
  const filler = FILLER[id.length % FILLER.length]!;
  return `${sentAt.toFixed(3)} ${edited ? 'edited: ' : ''}${filler} (${id})`;
}

/** The send time a note text carries, or NaN if it is not one of ours. */
export function sentAtOf(text: string): number {
  return Number.parseFloat(text);
}
