import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launch, laptopContext } from '../tests/e2e/support/browser.ts';
import { postJson, TestClient } from '../tests/support/clients.ts';
import { startServer } from '../tests/support/server.ts';

/**
 * The facilitator's console in Chromium while a plenary happens to it: P people join over HTTP as
 * fast as 40 at a time allow, then one person per table writes a note a second. It reports how far
 * the console's screen falls behind the server, against the same run's own baseline: the time the
 * joins and notes took to happen at all. A console that renders every fact on its own fell a minute
 * behind 2,000 joins.
 *
 *   npm run bench:console [-- --participants 2000 --seconds 10]
 *
 * Needs `npm run build` first (it serves the built client) and Debian's chromium.
 */

const { values } = parseArgs({
  options: {
    participants: { type: 'string', short: 'p', default: '2000' },
    seconds: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/results/console.json' },
  },
});
const P = Number(values.participants);
const SECONDS = Number(values.seconds);
const TABLES = Math.ceil(P / 8);
const GROUPS = ['Government', 'Private sector', 'Civil society', 'Technical community', 'Academia'];

const server = await startServer({ rate: { burst: 10_000, perSecond: 10_000 }, httpWritesPerMinute: 10_000_000 });
const post = async (path: string, body: unknown) => (await postJson(server.url + path, body)).body;
const session = await post('/api/sessions', {
  title: 'Plenary',
  tables: Array.from({ length: TABLES }, (_, i) => ({ question: `Question ${i + 1}?` })),
  rounds: 3,
  roundSeconds: 1800,
  movingSeconds: 60,
  autoAdvance: false,
});

const browser = await launch();
const page = await (await laptopContext(browser)).newPage();
await page.goto(`${server.url}/facilitate/${session.sessionId}#${session.facilitatorToken}`);
await page.getByTestId('lobby').waitFor();

/** Starts adding up a page's long tasks (over 50 ms); the returned function reads the sum and starts again. */
async function watchLongTasks(target: Page): Promise<() => Promise<number>> {
  await target.evaluate(() => {
    (window as any).__long = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).__long += e.duration;
    }).observe({ type: 'longtask' });
  });
  return async () => Math.round((await target.evaluate(() => [(window as any).__long, ((window as any).__long = 0)][0])) as number);
}
const longTasks = await watchLongTasks(page);
const frameMs = async () => {
  const t = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  return Date.now() - t;
};
const until = (fn: (arg: number) => boolean, arg: number) => page.waitForFunction(fn, arg, { timeout: 300_000, polling: 'raf' });

// 1. The join storm.
const tokens: string[] = [];
let next = 0;
const joinStart = Date.now();
await Promise.all(
  Array.from({ length: 40 }, async () => {
    while (next < P) {
      const k = next++;
      const joined = await post(`/api/join/${session.code}`, { name: `Person ${k}`, group: GROUPS[k % GROUPS.length], presence: 'room' });
      tokens[k] = joined.participantToken;
    }
  }),
);
const joinsMs = Date.now() - joinStart;
await until((n) => document.querySelector('[data-testid="lobby"] .count')?.textContent === String(n), P);
const joinsShownMs = Date.now() - joinStart;
const joinLong = await longTasks();

// 2. A round: one writer per table, a note a second each.
const facilitator = await TestClient.connect(server.url, session.facilitatorToken);
if (!(await facilitator.send('seating:assign', {})).ok) throw new Error('seating failed');
if (!(await facilitator.send('round:start', { round: 1 })).ok) throw new Error('round start failed');
const writers: { client: TestClient; tableId: string }[] = [];
const seen = new Set<string>();
for (let k = 0; k < P && writers.length < TABLES; k += 1) {
  const client = await TestClient.connect(server.url, tokens[k]!);
  const snapshot = client.snapshot;
  const tableId = snapshot?.role === 'participant' ? snapshot.seat.table?.id : undefined;
  if (tableId && !seen.has(tableId)) {
    seen.add(tableId);
    writers.push({ client, tableId });
  } else client.close();
}
// The rapporteur may follow the notes as they come, on a second page.
const invited = await facilitator.send('rapporteur:invite', { label: 'Bench' });
if (!invited.ok) throw new Error('invite failed');
const rapporteur = await (await laptopContext(browser)).newPage();
await rapporteur.goto(invited.url as string);
await rapporteur.getByTestId('phase').waitFor();
const rapporteurLongTasks = await watchLongTasks(rapporteur);
await longTasks();
const notes = writers.length * SECONDS;
const notesStart = Date.now();
await Promise.all(
  writers.map(async ({ client, tableId }, w) => {
    await new Promise((r) => setTimeout(r, (w / writers.length) * 1000));
    for (let s = 0; s < SECONDS; s++) {
      const sent = Date.now();
      const ack = await client.send('note:add', { id: `bench-${w}-${s}`.padEnd(21, '_'), tableId, round: 1, text: `A point from table ${w}, minute ${s}` });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - sent))));
    }
  }),
);
const notesMs = Date.now() - notesStart;
await until(
  (n) =>
    [...document.querySelectorAll('[data-testid="note-count"]')].reduce((sum, el) => sum + Number((el.textContent ?? '').replace(/\D/g, '') || 0), 0) === n,
  notes,
);
const notesShownMs = Date.now() - notesStart;
const notesLong = await longTasks();
const rapporteurLong = await rapporteurLongTasks();
const frame = await frameMs();

const result = {
  participants: P,
  tables: TABLES,
  joins: { happenedMs: joinsMs, shownMs: joinsShownMs, behindMs: joinsShownMs - joinsMs, longTasksMs: joinLong },
  notes: {
    count: notes,
    perSecond: writers.length,
    happenedMs: notesMs,
    shownMs: notesShownMs,
    behindMs: notesShownMs - notesMs,
    longTasksMs: notesLong,
    rapporteurLongTasksMs: rapporteurLong,
  },
  frameAfterMs: frame,
};
console.log(`\nTablehop console benchmark · ${P} participants at ${TABLES} tables · Chromium ${browser.version()}\n`);
console.log(`${'phase'.padEnd(34)}${'happened'.padStart(10)}${'on screen'.padStart(11)}${'behind'.padStart(9)}${'long tasks'.padStart(12)}`);
console.log(
  `${`${P} joins (HTTP, 40 at a time)`.padEnd(34)}${`${joinsMs} ms`.padStart(10)}${`${joinsShownMs} ms`.padStart(11)}${`${joinsShownMs - joinsMs} ms`.padStart(9)}${`${joinLong} ms`.padStart(12)}`,
);
console.log(
  `${`${notes} notes (${writers.length}/s for ${SECONDS} s)`.padEnd(34)}${`${notesMs} ms`.padStart(10)}${`${notesShownMs} ms`.padStart(11)}${`${notesShownMs - notesMs} ms`.padStart(9)}${`${notesLong} ms`.padStart(12)}`,
);
console.log(`the rapporteur's page meanwhile: long tasks ${rapporteurLong} ms`);
console.log(`next frame afterwards: ${frame} ms`);
const out = join(process.cwd(), values.out);
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`JSON written to ${out}`);

for (const w of writers) w.client.close();
facilitator.close();
await browser.close();
await server.stop();
process.exit(0);
