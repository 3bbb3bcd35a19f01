import type { ParticipantSpec } from './api.ts';
import { command, openSocket, type BenchSocket } from './client.ts';
import { benchNow } from './clock.ts';
import { startGenerators, stopGenerators, type Generator } from './generators.ts';
import { postJson } from './http.ts';
import { plenaryNotes, loadLabelledCafe } from './labelled-notes.ts';
import { runQueueWaitSeconds } from './procfs.ts';
import { waitForQuiet } from './quiet.ts';
import { Samples, summarise, type Summary } from './samples.ts';
import { GROUPS, split } from './sessions.ts';
import { startTarget, type TargetSpec } from './target.ts';
import { suggestThemes } from '../../shared/harvest/suggest/index.ts';

/**
 * A join storm into a café whose harvest is under way (issue 13): `participants` people join
 * over HTTP and connect while a rapporteur, with `notes` notes sorted into themes (a quarter of
 * them quoted, some naming people in the room), keeps working — moving notes and asking for
 * suggestions. The same storm also runs into the same café without a harvest (the same notes,
 * nobody sorting, no rapporteur), so the harvest's cost is a difference measured in one run.
 *
 * The setup uses only commands every version of the server has (`theme:create`, `note:sort`),
 * so `--compare-entry` can measure the server as it was before this work; newer commands
 * (`quote:choose`, `themes:suggest`) are used where the server knows them.
 */

export interface StormOptions {
  participants: number;
  /** Seconds after which a storm that has not finished is measured as it stands and stopped. */
  deadline: number;
  notes: number;
  generators: number;
  waitQuiet: number;
  seed: number;
}

export interface StormResult {
  target: string;
  harvest: boolean;
  participants: number;
  notes: number;
  /** Notes in themes, and quoted, when the storm began. */
  sorted: number;
  quoted: number;
  /** First join request to the last participant's snapshot (or to the deadline). */
  seconds: number;
  /** People the server had taken in when the storm ended; fewer than `participants` if the deadline cut it short. */
  joined: number;
  cutShort: boolean;
  failures: number;
  errors: Record<string, number>;
  serverCpuSeconds: number;
  serverCpuWait: number;
  loopDelay: { p50: number; p99: number; max: number };
  gc: { totalMs: number; maxMs: number };
  /** The rapporteur's commands during the storm, acknowledgement times. */
  sortAck?: Summary;
  suggestAck?: Summary;
  /** The rapporteur's commands not acknowledged within 30 s. */
  rapporteurTimeouts?: number;
  /** Whole harvest views and patches the rapporteur received during the storm. */
  harvestViews?: number;
  harvestPatches?: number;
  machineBusyBefore: number;
}

const QUESTIONS = 3;
const TABLE_SIZE = 8;
const WRITERS = 48;
/** Writers with names in several scripts: some of the notes name them, as people write. */
const WRITER_NAMES = ['Amaka Okafor', 'Jürgen Weiß', '小林 花子', 'Олег Петров', 'Nguyễn Thị Lan', 'Siobhán Ní Bhriain', 'محمد الأمين', 'Zoë Lefèvre'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Who joins in the storm: people's names, 40 given names by 50 family names from several
 * languages and scripts, so each is distinct and none is the generators' "Participant <n>",
 * whose words (and numbers) would be found in any note that speaks of participants.
 */
const GIVEN = [
  'Amina',
  'Tomás',
  'Mei',
  'Oluwaseun',
  'Ingrid',
  'Rahul',
  'Fatou',
  'Mateus',
  'Yuki',
  'Leila',
  'Kwame',
  'Sofía',
  'Dmitri',
  'Aroha',
  'Hiroshi',
  'Chiara',
  'Nomvula',
  'Bilal',
  'Elif',
  'Tevita',
  'Saoirse',
  'Ngozi',
  'Anders',
  'Lucía',
  'Pham',
  'Zainab',
  'Rafael',
  'Olga',
  'Kofi',
  'Yasmin',
  'Mihai',
  'Thandiwe',
  'Захар',
  'Αθηνά',
  'Jae-won',
  'Priyanka',
  'Ibrahim',
  'Noor',
  'Henrik',
  'Lerato',
];
const FAMILY = [
  'Mensah',
  'Okonkwo',
  'Haddad',
  'Nakamura',
  'Lindqvist',
  'Fernández',
  'Diallo',
  'Kowalski',
  'Tanaka',
  'Rahman',
  'Ndlovu',
  'Petrenko',
  'Ferreira',
  'Nguyen',
  'Ó Briain',
  'Kaya',
  'Chatterjee',
  'Mwangi',
  'Johansson',
  'Quispe',
  'Abadi',
  'Moreau',
  'Sato',
  'Adeyemi',
  'Novak',
  'Herrera',
  'Banda',
  'Yilmaz',
  'Park',
  'Oyelaran',
  'Schmidt',
  'Costa',
  'Otieno',
  'Popescu',
  'Achieng',
  'Iyer',
  'Laurent',
  'Wanjiru',
  'Kamau',
  'Silva',
  'Rossi',
  'Takahashi',
  'Kiprop',
  'Mahlangu',
  'Soto',
  'Andersen',
  'Baptiste',
  'Rasmussen',
  'Mbeki',
  'Ortega',
];
const STORM_NAMES = GIVEN.flatMap((g) => FAMILY.map((f) => `${g} ${f}`));

async function ack(socket: BenchSocket, event: string, payload: unknown): Promise<Record<string, unknown>> {
  const { result, timedOut } = await command(socket, event, payload, 30_000);
  if (timedOut || !result) throw new Error(`${event} was not acknowledged`);
  return result;
}

async function must(socket: BenchSocket, event: string, payload: unknown): Promise<Record<string, unknown>> {
  const r = await ack(socket, event, payload);
  if (!r.ok) throw new Error(`${event} refused: ${String(r.error)} ${String(r.message)}`);
  return r;
}

function connect(url: string, token: string): Promise<BenchSocket> {
  const socket = openSocket(url, token);
  return new Promise((resolve, reject) => {
    socket.once('session:snapshot', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`could not connect: ${err.message}`)));
  });
}

export async function runHarvestStorm(spec: TargetSpec & { harvest: boolean }, options: StormOptions, log: (line: string) => void): Promise<StormResult> {
  const busy = await waitForQuiet(options.waitQuiet, log);
  const target = await startTarget('app', 1, undefined, spec.entry, spec.label);
  const server = target.servers[0]!;
  const label = `${target.label}, ${spec.harvest ? 'harvest under way' : 'no harvest'}`;
  const sockets: BenchSocket[] = [];
  let generators: Generator[] = [];
  try {
    // One café: enough tables of 8 for everyone, three guiding questions around the room.
    const tables = Math.ceil((options.participants + WRITERS) / TABLE_SIZE) + 2;
    const cafe = loadLabelledCafe();
    const created = await postJson(`${server.url}/api/sessions`, {
      title: 'Harvest under a join storm',
      tables: Array.from({ length: tables }, (_, t) => ({ question: cafe.questions[t % QUESTIONS]!.text, capacity: TABLE_SIZE })),
      rounds: 2,
      roundSeconds: 3600,
      movingSeconds: 600,
      autoAdvance: false,
      stakeholderGroups: GROUPS,
    });
    if (created.status !== 201) throw new Error(`could not create the session: ${JSON.stringify(created.body)}`);
    const { code, facilitatorToken } = created.body as { code: string; facilitatorToken: string };
    const facilitator = await connect(server.url, facilitatorToken);
    sockets.push(facilitator);

    // The writers join, are seated and write the notes of round 1.
    log(`${label}: ${WRITERS} writers write ${options.notes} notes…`);
    const writers: { socket: BenchSocket; name: string; tableId: string; question: number }[] = [];
    for (let i = 0; i < WRITERS; i++) {
      const name = i < WRITER_NAMES.length ? WRITER_NAMES[i]! : `Writer ${i + 1}`;
      const joined = await postJson(`${server.url}/api/join/${code}`, { name, group: GROUPS[i % GROUPS.length], presence: 'room' }, '127.0.0.252');
      if (joined.status !== 201) throw new Error(`writer could not join: ${JSON.stringify(joined.body)}`);
      const socket = await connect(server.url, joined.body.participantToken);
      sockets.push(socket);
      writers.push({ socket, name, tableId: '', question: 0 });
    }
    await must(facilitator, 'seating:assign', {});
    await must(facilitator, 'round:start', { round: 1 });
    for (const w of writers) {
      const snap = await new Promise<{ seat: { table: { id: string } | null } }>((resolve) => {
        w.socket.once('session:snapshot', (s) => resolve(s as never));
        void ack(w.socket, 'session:sync', {});
      });
      w.tableId = snap.seat.table!.id;
      w.question = (Number(w.tableId.slice(1)) - 1) % QUESTIONS;
    }
    const notes = plenaryNotes(cafe, options.notes, `storm-${options.seed}`).map((n, i) => ({ ...n, question: Number(n.idea.slice(1, 2)) - 1, i }));
    const ids: { id: string; question: number; text: string }[] = [];
    for (const note of notes) {
      const byQuestion = writers.filter((w) => w.question === note.question);
      const writer = byQuestion[note.i % byQuestion.length]!;
      // One note in twenty names a writer, as "As Amaka Okafor said, …".
      const text = note.i % 20 === 0 ? `As ${WRITER_NAMES[note.i % WRITER_NAMES.length]} said, ${note.text}` : note.text;
      const id = `n${String(note.i).padStart(4, '0')}${'x'.repeat(16)}`.slice(0, 21);
      await must(writer.socket, 'note:add', { id, tableId: writer.tableId, round: 1, text });
      ids.push({ id, question: note.question, text });
    }

    let rapporteur: BenchSocket | null = null;
    let sorted = 0;
    let quoted = 0;
    const themesByQuestion: string[][] = [[], [], []];
    if (spec.harvest) {
      const invite = await must(facilitator, 'rapporteur:invite', { label: 'Bench' });
      rapporteur = await connect(server.url, invite.token as string);
      sockets.push(rapporteur);
      log(`${label}: the rapporteur sorts them into themes…`);
      for (let q = 0; q < QUESTIONS; q++) {
        const mine = ids.filter((n) => n.question === q);
        const { clusters } = suggestThemes(
          mine.map((n) => ({ id: n.id, text: n.text })),
          { language: 'en' },
        );
        const placed = new Set<string>();
        for (const [c, cluster] of [...clusters, { noteIds: mine.map((n) => n.id), name: 'Other ideas' }].entries()) {
          const themeId = `q${q}t${String(c).padStart(3, '0')}${'y'.repeat(21)}`.slice(0, 21);
          await must(rapporteur, 'theme:create', { id: themeId, question: `q${q + 1}`, name: cluster.name });
          themesByQuestion[q]!.push(themeId);
          for (const noteId of cluster.noteIds) {
            if (placed.has(noteId)) continue;
            placed.add(noteId);
            await must(rapporteur, 'note:sort', { noteId, themeId });
            sorted++;
            // A quarter of the notes quoted, the ones naming someone among them.
            if (sorted % 4 === 0 || ids.find((n) => n.id === noteId)!.text.startsWith('As ')) {
              const r = await ack(rapporteur, 'quote:choose', { noteId, chosen: true });
              if (r.ok) quoted++;
            }
          }
        }
      }
    }

    generators = await startGenerators(options.generators);
    const participants: ParticipantSpec[] = Array.from({ length: options.participants }, (_, idx) => ({
      idx,
      session: 0,
      url: server.url,
      code,
      address: `127.0.0.${2 + (idx % 250)}`,
    }));
    const blocks = split(participants, generators.length);
    await Promise.all(
      generators.map((g, i) =>
        g.rpc.call('init', { index: i, seed: options.seed, participants: blocks[i]!, facilitators: [], groups: GROUPS, names: STORM_NAMES }),
      ),
    );

    // The storm, with the rapporteur at work throughout.
    log(`${label}: ${options.participants} people join…`);
    let views = 0;
    let patches = 0;
    rapporteur?.on('harvest:changed', () => views++);
    rapporteur?.on('harvest:patch', () => patches++);
    const sortAck = new Samples();
    const suggestAck = new Samples();
    let rapporteurTimeouts = 0;
    let storming = true;
    const timed = async (samples: Samples, event: string, payload: unknown) => {
      const t0 = benchNow();
      const { result, timedOut } = await command(rapporteur!, event, payload, 30_000);
      if (timedOut) rapporteurTimeouts++;
      else if (result?.ok) samples.add(benchNow() - t0);
    };
    const work = (async () => {
      if (!rapporteur) return;
      for (let tick = 0; storming; tick++) {
        const q = tick % QUESTIONS;
        const themes = themesByQuestion[q]!;
        const note = ids.filter((n) => n.question === q)[tick % 50]!;
        await timed(sortAck, 'note:sort', { noteId: note.id, themeId: themes[tick % themes.length]! });
        if (tick % 10 === 0) await timed(suggestAck, 'themes:suggest', { question: `q${q + 1}` });
        await sleep(200);
      }
    })();
    // Who the server has taken in, as the facilitator's roster hears it: the count at a deadline.
    const taken = new Set<string>();
    const writerNames = new Set(writers.map((w) => w.name));
    facilitator.on('roster:changed', (rows) => {
      for (const r of rows) if (r.status === 'active' && !writerNames.has(r.name)) taken.add(r.id);
    });
    await server.stats({ resetLoop: true });
    const cpu0 = target.cpuSeconds();
    const wait0 = runQueueWaitSeconds(server.pid);
    const start = benchNow();
    const storm = Promise.all(generators.map((g) => g.rpc.call('join', { concurrency: 64, connect: true })));
    const joins = await Promise.race([storm, sleep(options.deadline * 1000).then(() => null)]);
    const seconds = joins ? (Math.max(...joins.map((j) => j.connectedAt)) - start) / 1000 : options.deadline;
    const loop = await server.stats();
    const cpu = target.cpuSeconds() - cpu0;
    const wait = runQueueWaitSeconds(server.pid) - wait0;
    storming = false;
    if (joins) await work;
    else log(`${label}: cut short at ${options.deadline} s with ${taken.size} of ${options.participants} in`);
    const errors: Record<string, number> = {};
    for (const j of joins ?? []) for (const [k, v] of Object.entries(j.errors)) errors[k] = (errors[k] ?? 0) + v;
    const result: StormResult = {
      target: label,
      harvest: spec.harvest,
      participants: options.participants,
      notes: options.notes,
      sorted,
      quoted,
      seconds,
      joined: joins ? options.participants - joins.reduce((s, j) => s + j.failed, 0) : taken.size,
      cutShort: !joins,
      failures: (joins ?? []).reduce((s, j) => s + j.failed, 0),
      errors,
      serverCpuSeconds: cpu,
      serverCpuWait: wait / Math.max(seconds, 1e-9),
      loopDelay: loop.eventLoop,
      gc: { totalMs: loop.gc.totalMs, maxMs: loop.gc.maxMs },
      ...(spec.harvest
        ? {
            sortAck: summarise([sortAck.toArray()]),
            suggestAck: summarise([suggestAck.toArray()]),
            rapporteurTimeouts,
            harvestViews: views,
            harvestPatches: patches,
          }
        : {}),
      machineBusyBefore: busy,
    };
    // Printed as soon as it is known: a later run that fails does not take this one with it.
    log(`${label}: ${JSON.stringify({ seconds: result.seconds, joined: result.joined, loopDelay: result.loopDelay, cpu: result.serverCpuSeconds })}`);
    return result;
  } catch (error) {
    log(`--- ${label} server output (last lines) ---\n${server.output().slice(-4000)}`);
    throw error;
  } finally {
    for (const s of sockets) s.disconnect();
    await stopGenerators(generators);
    await target.stop();
  }
}
