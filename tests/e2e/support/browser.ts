import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, headless; these tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '.artifacts', 'screenshots');

export const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/** A microphone that plays a tone, and permission granted without asking: table audio's tests. */
export const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...BROWSER_ARGS, ...extraArgs] });
}

/** bypassCSP only lets axe-core be injected inline; the app itself runs under the server's CSP. */
export async function phoneContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return withTimeouts(
    await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, bypassCSP: true, locale: options.locale ?? 'en-GB' }),
  );
}

export async function laptopContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return withTimeouts(await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1, bypassCSP: true, locale: options.locale ?? 'en-GB' }));
}

/** Everything here happens on one machine within a second or two; ten seconds means it is not coming. */
function withTimeouts(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Saves the page at its own size and at the other one, so every screen is seen on both. What a
 * person sees is the viewport (fixed parts such as the phone's composer stay put); long forms
 * ask for the full page.
 */
export async function screenshotBoth(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const fullPage = options.fullPage ?? false;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const own = page.viewportSize() ?? LAPTOP;
  const isPhone = own.width < 600;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.${isPhone ? 'phone' : 'laptop'}.png`), fullPage, animations: 'disabled' });
  await page.setViewportSize(isPhone ? LAPTOP : PHONE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.${isPhone ? 'laptop' : 'phone'}.png`), fullPage, animations: 'disabled' });
  await page.setViewportSize(own);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations (WCAG 2.x A and AA). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  // A note fading in is drawn at part of its contrast for 180 ms: judge the page as it settles.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails with the serious and critical violations axe-core finds on the page, named by what it shows. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
