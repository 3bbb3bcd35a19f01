import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts the PDF is set in: Noto, from Debian's `fonts-noto-core` and `fonts-noto-cjk`
 * (`.ci/run` installs them), so that a quote in Arabic, Chinese, Russian or Thai prints as
 * itself and not as boxes. Each style is a chain: a character is set in the first font of the
 * chain that has it. Opened once per process and shared by every PDF: they are files of the
 * system, not session data.
 */

export type FontStyle = 'regular' | 'bold' | 'italic';

export interface PdfFont {
  /** The name the PDF document registers it under. */
  key: string;
  font: fontkit.Font;
}

export type FontChains = Record<FontStyle, readonly PdfFont[]>;

export class PdfFontsMissing extends Error {
  constructor(missing: string) {
    super(
      `The PDF needs the Noto fonts (${missing} not found in ${fontDirs().join(', ')}); install the Debian packages fonts-noto-core and fonts-noto-cjk, or set TABLEHOP_FONT_DIRS.`,
    );
  }
}

/** Where to look, in order: `TABLEHOP_FONT_DIRS` (colon-separated), then Debian's places. */
function fontDirs(): string[] {
  const own = process.env.TABLEHOP_FONT_DIRS?.split(':').filter(Boolean) ?? [];
  return [...own, '/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto'];
}

/** File, and the face within a collection. Scripts after Latin in the order most likely in a café. */
const FACES: Record<FontStyle, readonly (readonly [file: string, face?: string])[]> = {
  regular: [
    ['NotoSans-Regular.ttf'],
    ['NotoSansArabic-Regular.ttf'],
    ['NotoSansHebrew-Regular.ttf'],
    ['NotoSansDevanagari-Regular.ttf'],
    ['NotoSansBengali-Regular.ttf'],
    ['NotoSansThai-Regular.ttf'],
    ['NotoSansArmenian-Regular.ttf'],
    ['NotoSansGeorgian-Regular.ttf'],
    ['NotoSansEthiopic-Regular.ttf'],
    ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
    ['NotoSansSymbols-Regular.ttf'],
  ],
  bold: [
    ['NotoSans-Bold.ttf'],
    ['NotoSansArabic-Bold.ttf'],
    ['NotoSansHebrew-Bold.ttf'],
    ['NotoSansDevanagari-Bold.ttf'],
    ['NotoSansBengali-Bold.ttf'],
    ['NotoSansThai-Bold.ttf'],
    ['NotoSansArmenian-Bold.ttf'],
    ['NotoSansGeorgian-Bold.ttf'],
    ['NotoSansEthiopic-Bold.ttf'],
    // One CJK weight only: the collection is 19 MB a weight.
    ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
    ['NotoSansSymbols-Bold.ttf'],
  ],
  italic: [['NotoSans-Italic.ttf']],
};

let loaded: FontChains | null = null;

/** The chains, opened on first use. Throws `PdfFontsMissing` without Noto Sans itself. */
export function pdfFonts(): FontChains {
  if (loaded) return loaded;
  const opened = new Map<string, PdfFont>();
  const open = (file: string, face?: string): PdfFont | null => {
    const id = face ? `${file}#${face}` : file;
    const hit = opened.get(id);
    if (hit) return hit;
    const dir = fontDirs().find((d) => existsSync(join(d, file)));
    if (!dir) return null;
    const font = fontkit.openSync(join(dir, file), face) as fontkit.Font;
    const pdfFont = { key: `F-${(face ?? file).replace(/\.\w+$/, '')}`, font };
    opened.set(id, pdfFont);
    return pdfFont;
  };
  const chain = (style: FontStyle) => FACES[style].map(([file, face]) => open(file, face)).filter((f): f is PdfFont => f !== null);
  const regular = chain('regular');
  const bold = chain('bold');
  if (regular[0]?.key !== 'F-NotoSans-Regular') throw new PdfFontsMissing('NotoSans-Regular.ttf');
  if (bold[0]?.key !== 'F-NotoSans-Bold') throw new PdfFontsMissing('NotoSans-Bold.ttf');
  // Italic covers Latin, Greek and Cyrillic; every other script falls back to the upright faces.
  const italic = [...chain('italic'), ...regular];
  loaded = { regular, bold, italic };
  return loaded;
}
