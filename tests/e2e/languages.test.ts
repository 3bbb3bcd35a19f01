import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limits } from '../../shared/protocol/limits.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { expectAccessible, laptopContext, launch, phoneContext, SCREENSHOTS } from './support/browser.ts';

/**
 * One café in four languages at once, as at an IGF session: Claire runs it in French, the
 * projector speaks Spanish, Nadia's phone Arabic (right to left), Wang Fang's Chinese and
 * Olga's Russian. Each screen is in its own person's language whatever the session's, and
 * every page in every language passes axe-core. Screenshots land in tests/.artifacts.
 */

const SHOTS = join(SCREENSHOTS, 'languages');

let server: TestServer;
let browser: Browser;
let console_: Page;
let display: Page;
let joinUrl: string;

interface Phone {
  lang: 'ar' | 'zh' | 'ru';
  name: string;
  page: Page;
  note: string;
}
const phones: Phone[] = [];

// What each phone shows and clicks, in its own language; the groups are the session's (French).
const WORDS = {
  ar: { locale: 'ar', name: 'اسمك', inRoom: 'في القاعة', submit: 'الانضمام إلى المقهى', idea: 'فكرة', note: 'ملاحظتك', send: 'إرسال', group: 'Société civile' },
  zh: { locale: 'zh-CN', name: '你的姓名', inRoom: '在会场', submit: '加入咖啡馆', idea: '想法', note: '你的笔记', send: '发送', group: 'Gouvernement' },
  ru: {
    locale: 'ru-RU',
    name: 'Ваше имя',
    inRoom: 'В зале',
    submit: 'Присоединиться к кафе',
    idea: 'Идея',
    note: 'Ваша заметка',
    send: 'Отправить',
    group: 'Communauté technique',
  },
} as const;

async function shot(page: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

const documentLanguage = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

describe('a café in French, Spanish, Arabic, Chinese and Russian at once', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Claire creates a café in French from a console in French', async () => {
    console_ = await (await laptopContext(browser, { locale: 'fr-FR' })).newPage();
    await console_.goto(`${server.url}/new`);
    await console_.getByRole('heading', { level: 1, name: 'Nouvelle session' }).waitFor();
    expect(await documentLanguage(console_)).toEqual({ lang: 'fr', dir: 'ltr' });
    // The session's language starts as the console's, and the form says what it governs.
    expect(await console_.getByLabel('Langue de la session').inputValue()).toBe('fr');
    await expectAccessible(console_, 'new session in French');
    await shot(console_, 'fr.console-new', true);

    await console_.getByRole('button', { name: 'Créer ce café' }).click();
    await console_.getByTestId('controls').waitFor();
    joinUrl = await console_.getByTestId('join-url').inputValue();
    await expect.poll(() => console_.getByTestId('table-card').count()).toBe(3);
    await console_.getByText('Confiance', { exact: true }).first().waitFor();
    await expectAccessible(console_, 'console in French');
    await shot(console_, 'fr.console-lobby');
  });

  it('the projector shows the café in Spanish', async () => {
    const context = await laptopContext(browser, { locale: 'es-ES' });
    display = await context.newPage();
    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.goto(`${server.url}/display/${joinUrl.split('/').pop()}`);
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toBe('Bienvenida: únete desde tu teléfono');
    expect(await documentLanguage(display)).toEqual({ lang: 'es', dir: 'ltr' });
    // The questions are the session's, in French, beside the Spanish interface.
    await display.getByText('Qui est aujourd’hui exclu des services numériques', { exact: false }).first().waitFor();
    await expectAccessible(display, 'display in Spanish');
    await shot(display, 'es.display-lobby');
  });

  it('Nadia joins in Arabic, Wang Fang in Chinese and Olga in Russian, choosing French groups', async () => {
    for (const [lang, name, note] of [
      ['ar', 'نادية الهاشمي', 'يجب أن تبقى الهوية الرقمية اختيارية للوصول إلى الخدمات العامة، مع بديل ورقي لمن لا يملك هاتفًا.'],
      ['zh', '王芳', '数字身份应当是可选的：没有智能手机的人也必须能够办理公共服务。'],
      ['ru', 'Ольга Смирнова-Кузнецова', 'Цифровая идентичность должна оставаться добровольной для доступа к государственным услугам.'],
    ] as const) {
      const words = WORDS[lang];
      const page = await (await phoneContext(browser, { locale: words.locale })).newPage();
      await page.goto(joinUrl);
      await page.getByLabel(words.name, { exact: true }).fill(name);
      expect((await documentLanguage(page)).lang).toBe(lang);
      await expectAccessible(page, `join in ${lang}`);
      await shot(page, `${lang}.phone-join`, true);
      await page.getByLabel(words.group, { exact: true }).check();
      await page.getByLabel(words.inRoom, { exact: true }).check();
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByTestId('lobby').waitFor();
      await expectAccessible(page, `lobby in ${lang}`);
      await shot(page, `${lang}.phone-lobby`);
      phones.push({ lang, name, page, note });
    }
    await expect.poll(() => console_.getByTestId('lobby').getByTestId('person').count()).toBe(3);
    // Names in every script, as written, in the French console.
    for (const p of phones) await console_.getByTestId('lobby').getByText(p.name, { exact: true }).first().waitFor();
  });

  it('lays the Arabic phone out right to left, and the others left to right', async () => {
    const [nadia, wang, olga] = phones;
    expect(await documentLanguage(nadia!.page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await documentLanguage(wang!.page)).toEqual({ lang: 'zh', dir: 'ltr' });
    expect(await documentLanguage(olga!.page)).toEqual({ lang: 'ru', dir: 'ltr' });
  });

  it('Claire seats everyone and starts round 1 from the French console', async () => {
    await console_.getByRole('button', { name: /Placer tout le monde/ }).click();
    await expect.poll(() => console_.getByTestId('lobby').getByTestId('person').count()).toBe(0);
    await console_.getByRole('button', { name: 'Lancer le tour 1' }).click();
    await expect.poll(() => console_.getByTestId('phase').getAttribute('data-phase')).toBe('round');
    for (const p of phones) await p.page.getByTestId('my-table').waitFor();
    await expect.poll(() => display.getByTestId('display-phase').textContent()).toBe('Ronda 1 de 3');
    await expectAccessible(display, 'display in a round, in Spanish');
    await shot(display, 'es.display-round');
  });

  it('each writes a note in their own script, and it reaches their table and the console', async () => {
    for (const p of phones) {
      const words = WORDS[p.lang];
      await p.page.getByRole('button', { name: words.idea }).click();
      await p.page.getByLabel(words.note, { exact: true }).fill(p.note);
      await p.page.getByRole('button', { name: words.send }).click();
      await p.page.getByTestId('notes-current').getByText(p.note).waitFor();
      await expect.poll(() => p.page.locator('.note--pending').count()).toBe(0);
      await console_.getByTestId('table-card').getByText(p.note).waitFor();
    }
    await expectAccessible(console_, 'console in round 1, in French');
    await shot(console_, 'fr.console-round', true);
  });

  it('mirrors the Arabic phone: the note box starts on the right, Send sits left of the text', async () => {
    const nadia = phones[0]!.page;
    const mine = nadia.locator('.note--mine').first();
    const border = await mine.evaluate((el) => {
      const s = getComputedStyle(el);
      return { right: parseFloat(s.borderRightWidth), left: parseFloat(s.borderLeftWidth) };
    });
    // The note's inline-start edge (its thick border) is on the right in Arabic.
    expect(border.right).toBeGreaterThan(border.left);
    const field = await nadia.getByLabel(WORDS.ar.note, { exact: true }).boundingBox();
    const send = await nadia.getByRole('button', { name: WORDS.ar.send }).boundingBox();
    expect(send!.x + send!.width).toBeLessThanOrEqual(field!.x + 1);
    // The French table name inside the Arabic sentence is isolated, so it cannot reorder its neighbours.
    const tableName = (await nadia.getByTestId('table-name').textContent())!.trim();
    expect(await nadia.locator('.composer__target').textContent()).toBe(`أضف ملاحظة إلى \u2068${tableName}\u2069`);
    // Counts in Arabic plural forms, with the Western digits of the clock beside them.
    const field_ = nadia.getByLabel(WORDS.ar.note, { exact: true });
    await field_.fill('ر'.repeat(Limits.noteChars - 12));
    await expect.poll(() => nadia.locator('.composer .field__hint').textContent()).toBe('تبقّى 12 حرفًا');
    await field_.fill('');
    // The Chinese phone is not mirrored.
    const wang = phones[1]!.page;
    const wangBorder = await wang
      .locator('.note--mine')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).borderLeftWidth));
    expect(wangBorder).toBeGreaterThan(0);
  });

  it('Claire invites a rapporteur, who sorts the notes in Arabic, right to left', async () => {
    await console_.getByTestId('invite-rapporteur').click();
    await console_.getByLabel('Libellé (facultatif)').fill('Équipe politique');
    await console_.getByRole('button', { name: 'Créer le lien' }).click();
    const link = await console_.getByTestId('rapporteur-link').inputValue();
    const rapporteur = await (await laptopContext(browser, { locale: 'ar' })).newPage();
    await rapporteur.goto(link);
    await rapporteur.getByLabel('اسم محور جديد').waitFor();
    expect(await documentLanguage(rapporteur)).toEqual({ lang: 'ar', dir: 'rtl' });
    // The first question's notes, in their own script, without their authors.
    await expect.poll(async () => (await Promise.all(phones.map((p) => rapporteur.getByText(p.note).count()))).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const p of phones) expect(await rapporteur.getByText(p.name).count()).toBe(0);
    await expectAccessible(rapporteur, 'rapporteur in Arabic');
    await shot(rapporteur, 'ar.rapporteur', true);
  });

  it.each(['en', 'fr', 'es', 'ar', 'zh', 'ru'])('the start page and a missing page pass axe-core in %s', async (lang) => {
    const page = await (await phoneContext(browser, { locale: lang })).newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    await expectAccessible(page, `home in ${lang}`);
    await shot(page, `${lang}.home`, true);
    await page.goto(`${server.url}/no-such-page`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, `not found in ${lang}`);
    await page.context().close();
  });

  it('every phone passes axe-core at its table, and is photographed where people write', async () => {
    for (const p of phones) {
      await expectAccessible(p.page, `my table in ${p.lang}`);
      // Scrolled to the notes, with the composer (fixed at the bottom) in view.
      await p.page.getByTestId('notes-current').scrollIntoViewIfNeeded();
      await p.page
        .getByLabel(WORDS[p.lang].note, { exact: true })
        .fill(p.lang === 'ar' ? 'ويجب أن يُسأل المواطنون أولًا' : p.lang === 'zh' ? '还要先征求公众意见' : 'И сначала спросить граждан');
      await shot(p.page, `${p.lang}.phone-table`);
    }
  });
});
