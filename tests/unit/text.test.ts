import { describe, expect, it } from 'vitest';
import { displayName, requiredText } from '../../shared/protocol/schemas.ts';
import { isMeaningfulName, normaliseName, normaliseText } from '../../shared/protocol/text.ts';
import { commands } from '../../shared/commands/index.ts';

const ZWSP = '\u200B';
const ZWJ = '\u200D';
const RLO = '\u202E';
const PDF = '\u202C';

describe('text from outside, normalised once at the boundary', () => {
  it('takes invisible characters out of a name, so a disguised name is the name it imitates', () => {
    expect(normaliseName(`Am${ZWSP}ina\u00ADHad${'\u2060'}dad${'\uFEFF'}`)).toBe('AminaHaddad');
    expect(normaliseName(`Jean${ZWJ} Dupont`)).toBe('Jean Dupont');
    expect(normaliseName('  María\n  José \t García ')).toBe('María José García');
    // Composed and decomposed accents become the same code points.
    expect(normaliseName('Jose\u0301')).toBe(normaliseName('José'));
  });

  it('drops bidirectional overrides, which could make a note read backwards on other screens', () => {
    expect(normaliseText(`Budget ${RLO}cba${PDF} ok`)).toBe('Budget cba ok');
    expect(normaliseText('\u2067مرحبا\u2069 world')).toBe('مرحبا world');
    // Plain right-to-left text, and the marks that only steer their neighbours, stay as written.
    expect(normaliseText('الحوكمة الرقمية\u200F (DPI)')).toBe('الحوكمة الرقمية\u200F (DPI)');
  });

  it('keeps emoji whole in free text, and the line breaks of a long note', () => {
    const family = '👩\u200D👩\u200D👧';
    const flag = '❤\uFE0F';
    expect(normaliseText(`Yes ${family} ${flag}`)).toBe(`Yes ${family} ${flag}`);
    expect(normaliseText('First point\r\nSecond point')).toBe('First point\nSecond point');
    // In a name, nothing invisible stays, not even inside an emoji.
    expect(normaliseName(`Ana ${family}`)).toBe('Ana 👩👩👧');
  });

  it('refuses names that name nobody: punctuation only, invisible, or one character', () => {
    for (const name of ['...', '!!!', `${ZWSP}${ZWSP}`, ' ', 'A', '—–', '🙂']) {
      expect(displayName.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
    for (const name of ['Li', 'Ng', '王芳', 'محمد بن سلمان الحربي', 'Ólafur Ragnar Grímsson', 'Nguyễn Thị Minh Khai', 'R2']) {
      expect(displayName.safeParse(name).success, name).toBe(true);
    }
    expect(isMeaningfulName('J.')).toBe(true);
  });

  it('counts a limit after normalising, and names the real limit when refusing', () => {
    const note = commands['note:add'].schema.shape.text;
    const huge = note.safeParse('x'.repeat(10_000));
    expect(huge.success).toBe(false);
    expect(huge.error!.issues[0]!.message).toBe('at most 1000 characters');
    expect(note.safeParse('x'.repeat(1001)).error!.issues[0]!.message).toBe('at most 1000 characters');
    // A thousand characters padded with invisible ones are a thousand characters.
    expect(note.safeParse(`${'y'.repeat(1000)}${ZWSP.repeat(2000)}`)).toMatchObject({ success: true, data: 'y'.repeat(1000) });
    // Emoji count once each, as people count them.
    expect(requiredText(3).safeParse('🌍🌍🌍').success).toBe(true);
    expect(requiredText(1).safeParse(`${ZWSP}\u2060`).success).toBe(false);
  });
});
