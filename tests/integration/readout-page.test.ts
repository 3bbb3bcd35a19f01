import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReadout } from '../../shared/harvest/readout.ts';
import { DownloadKind, toHtml } from '../../shared/harvest/render.ts';
import { axeViolations, describeViolations, launch, SCREENSHOTS } from '../e2e/support/browser.ts';
import { readoutCafe, READOUT_NOW } from '../support/readoutCafe.ts';

/**
 * The public readout page as a secretariat reader meets it, in headless Chromium on a laptop
 * (1366×800) and a phone (390×844): what the first screen shows, that nothing runs off the side
 * of a phone, that it passes axe, that the page grows with findings rather than notes, and that
 * the same sheet lays the page out right to left. Screenshots go to tests/.artifacts/screenshots.
 */

const LAPTOP = { width: 1366, height: 800 };
const PHONE = { width: 390, height: 844 };
const links = Object.values(DownloadKind).map((kind) => ({ kind, href: `/api/readouts/x.${kind}` }));

function pageOf(options: Parameters<typeof readoutCafe>[0] = {}) {
  const { cafe, input } = readoutCafe(options);
  const { readout } = buildReadout(cafe.state, { version: 2, minGroupSize: 3, now: READOUT_NOW, input });
  return { readout, html: toHtml(readout, { downloads: links }) };
}

describe('the public readout page in Chromium', () => {
  let browser: Browser;
  const open = async (html: string, viewport: { width: number; height: number }): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    await page.setContent(html);
    return page;
  };
  const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

  beforeAll(async () => {
    browser = await launch();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)('on a %s: title, date and place, the notice and the downloads on the first screen; nothing wider than the screen', async (name, viewport) => {
    for (const language of ['en', 'fr'] as const) {
      const page = await open(pageOf({ language }).html, viewport);
      const inView = async (selector: string) => {
        const box = (await page.locator(selector).first().boundingBox())!;
        return box.y + box.height <= viewport.height;
      };
      for (const selector of ['h1', '.event', 'section.notice', 'nav.downloads']) expect(await inView(selector), `${language} ${name}: ${selector}`).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `readout-${language}.${name}.png`) });
      await page.screenshot({ path: join(SCREENSHOTS, `readout-${language}.${name}.full.png`), fullPage: true });
      await page.close();
    }
  });

  it('is hardly longer for twice the notes: it grows with its findings', async () => {
    const small = await open(pageOf().html, LAPTOP);
    const big = await open(pageOf({ notesPerRound: (person, round) => ((person + round) % 3 === 0 ? 3 : 2) + (person % 3 === 0 ? 1 : 0) }).html, LAPTOP);
    // Only the appendix's number ranges grow (N112 becomes N224), wrapping a line here and there.
    const [a, b] = [await height(small), await height(big)];
    console.info(`readout page at 1366×800: ${a} px for the golden café, ${b} px with twice the notes`);
    expect(b).toBeLessThan(a * 1.05);
    await small.close();
    await big.close();
  });

  it('lays out right to left with the same sheet, and each quote in its own direction', async () => {
    const { html } = pageOf();
    // Only logical properties: nothing in the sheet names a physical side.
    const css = /<style>([^]*?)<\/style>/.exec(html)![1]!;
    expect(css).not.toMatch(/\b(margin|padding|border)-(left|right)\b|text-align:\s*(left|right)|\b(left|right)\s*:/);

    // What a right-to-left catalog gives the page: dir="rtl" on the root.
    const page = await open(html.replace('<html lang="en" dir="ltr">', '<html lang="ar" dir="rtl">'), LAPTOP);
    const sides = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return { left: s.borderLeftWidth, right: s.borderRightWidth };
        });
    expect(await sides('section.notice')).toEqual({ left: '0px', right: '4px' });
    expect(await sides('.theme--key')).toEqual({ left: '0px', right: '4px' });
    // The report's own words start on the right; people's words (the title here) keep their own direction.
    const kind = await page.locator('.kind').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const { x, width } = range.getBoundingClientRect();
      return { x, width };
    });
    const column = (await page.locator('main').boundingBox())!;
    expect(column.x + column.width - (kind.x + kind.width)).toBeLessThan(1);
    expect(kind.x - column.x).toBeGreaterThan(column.width / 2);
    await page.screenshot({ path: join(SCREENSHOTS, 'readout-rtl.laptop.png') });
    await page.close();

    // In the left-to-right page, the Arabic quote still runs right to left, its bar on its right.
    const ltr = await open(html, LAPTOP);
    const arabic = ltr.locator('blockquote', { hasText: 'يجب أن تخضع' });
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await arabic.evaluate((el) => getComputedStyle(el).borderRightWidth)).toBe('2px');
    await ltr.close();
  });
});
