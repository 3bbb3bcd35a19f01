/**
 * Join codes: short, read aloud in a room and typed on phones. One definition for the server that
 * makes and checks them and the pages that take them from people.
 */

/** Easy to read aloud: no 0/O, 1/I/L, 5/S, 2/Z, 8/B. */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** What a person typed, as a code: upper case, spaces and dashes gone. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function isJoinCode(code: string): boolean {
  return CODE.test(code);
}
