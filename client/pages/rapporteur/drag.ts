/**
 * Dragging notes onto a theme: the dragged note ids travel in the drag's data under a type of
 * their own, so a drop of anything else (a file, a link, text from another page) is ignored.
 */
export const NOTES_MIME = 'application/x-tablehop-notes';

export function carriesNotes(e: { dataTransfer: DataTransfer | null }): boolean {
  return e.dataTransfer?.types.includes(NOTES_MIME) ?? false;
}

/**
 * A client id (nanoid), as shared/protocol/ids.ts has it; written out here because that module
 * brings zod, which must not reach the bundle every phone downloads.
 */
const CLIENT_ID = /^[A-Za-z0-9_-]{21}$/;

/** The note ids a drop carries, each checked as a client id; none if the data is anything else. */
export function droppedNotes(e: { dataTransfer: DataTransfer | null }): string[] {
  try {
    const ids: unknown = JSON.parse(e.dataTransfer?.getData(NOTES_MIME) || '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && CLIENT_ID.test(id)) : [];
  } catch {
    return [];
  }
}
