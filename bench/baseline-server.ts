/**
 * The baseline: a bare Socket.IO server that relays the benchmark's messages to the same rooms
 * as the app (a note to its table room but the author, to the author's own room marked
 * `mine`, and to the facilitators), and answers joins and seating trivially. No validation,
 * no storage, no views: the app's overhead is its latency over this one's, on the same load.
 *
 * PORT and HOST as for the app; started by bench/load.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { Limits } from '../shared/protocol/limits.ts';

interface Note {
  id: string;
  tableId: string;
  round: number;
  text: string;
  kind: string | null;
  edited: boolean;
  author: string;
}

interface Session {
  id: string;
  code: string;
  tables: string[];
  capacity: number;
  phase: 'lobby' | 'round' | 'moving';
  round: number;
  /** Participant ids in join order. */
  joined: string[];
  seats: Map<string, string>;
  hosts: Set<string>;
  notes: Map<string, Note>;
  tableNotes: Map<string, Note[]>;
}

const sessions = new Map<string, Session>();
const byCode = new Map<string, Session>();
let counter = 0;

const room = {
  session: (s: Session) => `s:${s.id}`,
  facilitators: (s: Session) => `s:${s.id}:f`,
  table: (s: Session, t: string) => `s:${s.id}:t:${t}`,
  participant: (pid: string) => `p:${pid}`,
};

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const http = createServer((req, res) => void handle(req, res));

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url === '/healthz') return send(res, 200, { ok: true });
  if (req.method !== 'POST') return send(res, 404, { ok: false });
  const body = await readJson(req);
  if (url === '/api/sessions') {
    const id = `b${++counter}`;
    const code = `B${counter}`;
    const s: Session = {
      id,
      code,
      tables: (body.tables as unknown[]).map((_, i) => `t${i + 1}`),
      capacity: body.tables[0]?.capacity ?? 8,
      phase: 'lobby',
      round: 0,
      joined: [],
      seats: new Map(),
      hosts: new Set(),
      notes: new Map(),
      tableNotes: new Map(),
    };
    sessions.set(id, s);
    byCode.set(code, s);
    return send(res, 201, { ok: true, sessionId: id, code, facilitatorToken: `f.${id}` });
  }
  const join = /^\/api\/join\/([^/]+)$/.exec(url);
  const s = join ? byCode.get(join[1]!) : undefined;
  if (!s) return send(res, 404, { ok: false, error: 'not_found' });
  const pid = `${s.id}p${s.joined.length + 1}`;
  s.joined.push(pid);
  return send(res, 201, { ok: true, sessionId: s.id, participantToken: `p.${s.id}.${pid}` });
}

const io = new Server(http, { maxHttpBufferSize: Limits.maxMessageBytes, serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 });

interface Who {
  session: Session;
  participantId?: string;
}

io.use((socket, next) => {
  const [role, sid, pid] = String(socket.handshake.auth?.token ?? '').split('.');
  const session = sessions.get(sid ?? '');
  if (!session) return next(new Error('not_found'));
  socket.data = role === 'p' ? { session, participantId: pid } : { session };
  next();
});

function memberCounts(s: Session): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of s.seats.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

function seatView(s: Session, pid: string, stay: boolean, counts = memberCounts(s)) {
  const tableId = s.seats.get(pid);
  const members = tableId ? (counts.get(tableId) ?? 0) : 0;
  const notes = tableId ? (s.tableNotes.get(tableId) ?? []).map((n) => noteView(n, pid)) : [];
  return {
    round: s.round,
    table: tableId
      ? { id: tableId, name: tableId, question: tableId, mode: 'hybrid', videoUrl: null, memberCount: members, hasHost: true, notes, summaries: [] }
      : null,
    isHost: s.hosts.has(pid),
    stay,
  };
}

function noteView(n: Note, viewer?: string) {
  const view: Record<string, unknown> = { id: n.id, tableId: n.tableId, round: n.round, text: n.text, kind: n.kind, edited: n.edited };
  if (viewer === n.author) view.mine = true;
  return view;
}

function phaseView(s: Session) {
  return { phase: s.phase, round: s.round, timer: { status: 'running', endsAt: Date.now() + 3_600_000, durationMs: 3_600_000 } };
}

/** Seats by join order, least-filled table first: the same balance the app's seating reaches. */
function seatEveryone(s: Session) {
  const seated: string[] = [];
  s.joined.forEach((pid, i) => {
    if (s.seats.has(pid)) return;
    s.seats.set(pid, s.tables[i % s.tables.length]!);
    seated.push(pid);
  });
  return seated;
}

/** Hosts stay; the k-th traveller at a table moves k + 1 tables on, which keeps tables balanced. */
function rotate(s: Session) {
  const atTable = new Map<string, string[]>();
  for (const [pid, tid] of s.seats) if (!s.hosts.has(pid)) (atTable.get(tid) ?? atTable.set(tid, []).get(tid)!).push(pid);
  const moves = new Map<string, string>();
  for (const [tid, travellers] of atTable) {
    const i = s.tables.indexOf(tid);
    travellers.forEach((pid, k) => moves.set(pid, s.tables[(i + k + 1) % s.tables.length]!));
  }
  return moves;
}

io.on('connection', (socket: Socket) => {
  const { session: s, participantId: pid } = socket.data as Who;
  const rooms = [room.session(s)];
  if (pid) {
    rooms.push(room.participant(pid));
    const t = s.seats.get(pid);
    if (t) rooms.push(room.table(s, t));
  } else rooms.push(room.facilitators(s));
  void socket.join(rooms);
  socket.emit(
    'session:snapshot',
    pid
      ? {
          role: 'participant',
          session: { id: s.id, code: s.code, ...phaseView(s) },
          me: { id: pid, name: pid, isHost: false },
          seat: seatView(s, pid, true),
          broadcast: null,
        }
      : { role: 'facilitator', session: { id: s.id, code: s.code, ...phaseView(s) }, participants: [], tables: [], notes: [] },
  );

  socket.on('note:add', (c: { id: string; tableId: string; round: number; text: string; kind?: string | null }, ack: (r: unknown) => void) => {
    if (!pid) return ack({ ok: false, error: 'forbidden', message: 'participants only' });
    const existing = s.notes.get(c.id);
    if (existing) return ack({ ok: true, noteId: c.id });
    const note: Note = { id: c.id, tableId: c.tableId, round: c.round, text: c.text, kind: c.kind ?? null, edited: false, author: pid };
    s.notes.set(note.id, note);
    (s.tableNotes.get(note.tableId) ?? s.tableNotes.set(note.tableId, []).get(note.tableId)!).push(note);
    relay(s, note, 'note:added');
    ack({ ok: true, noteId: note.id });
  });

  socket.on('note:edit', (c: { id: string; text: string }, ack: (r: unknown) => void) => {
    const note = s.notes.get(c.id);
    if (!note || note.author !== pid) return ack({ ok: false, error: 'not_found', message: 'no such note' });
    note.text = c.text;
    note.edited = true;
    relay(s, note, 'note:edited');
    ack({ ok: true, noteId: note.id });
  });

  socket.on('seating:assign', (_c: unknown, ack: (r: unknown) => void) => {
    const seated = seatEveryone(s);
    for (const p of seated) io.in(room.participant(p)).socketsJoin(room.table(s, s.seats.get(p)!));
    const counts = memberCounts(s);
    for (const p of seated) io.to(room.participant(p)).emit('seat:changed', seatView(s, p, false, counts));
    ack({ ok: true, seated: seated.length, waiting: 0 });
  });

  // The console previews and accepts the next seating before ending a round; a relay has nothing to plan.
  socket.on('seating:preview', (_c: unknown, ack: (r: unknown) => void) => ack({ ok: true, version: 1, attempt: 0, accepted: false, rounds: [] }));
  socket.on('seating:accept', (_c: unknown, ack: (r: unknown) => void) => ack({ ok: true, version: 1 }));

  socket.on('host:assign', (c: { participantId: string }, ack: (r: unknown) => void) => {
    s.hosts.add(c.participantId);
    ack({ ok: true });
  });

  socket.on('round:start', (c: { round: number }, ack: (r: unknown) => void) => {
    s.phase = 'round';
    s.round = c.round;
    io.to(room.session(s)).emit('phase:changed', phaseView(s));
    ack({ ok: true });
  });

  socket.on('round:end', (_c: unknown, ack: (r: unknown) => void) => {
    s.phase = 'moving';
    s.round += 1;
    io.to(room.session(s)).emit('phase:changed', phaseView(s));
    const moves = rotate(s);
    for (const [p, to] of moves) {
      io.in(room.participant(p)).socketsLeave(room.table(s, s.seats.get(p)!));
      s.seats.set(p, to);
      io.in(room.participant(p)).socketsJoin(room.table(s, to));
    }
    const counts = memberCounts(s);
    for (const p of s.seats.keys()) io.to(room.participant(p)).emit('seat:changed', seatView(s, p, !moves.has(p), counts));
    ack({ ok: true });
  });
});

function relay(s: Session, note: Note, event: 'note:added' | 'note:edited') {
  const view = noteView(note);
  // As the app does it: peers and facilitators in one broadcast, then the author's own copy.
  io.to([room.table(s, note.tableId), room.facilitators(s)])
    .except(room.participant(note.author))
    .emit(event, view);
  io.to(room.participant(note.author)).emit(event, { ...view, mine: true });
}

const port = Number(process.env.PORT ?? 0);
http.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  const address = http.address();
  console.log(JSON.stringify({ listening: typeof address === 'object' && address ? address.port : port }));
});
// A clean exit on SIGTERM lets --cpu-prof write its profile.
process.on('SIGTERM', () => process.exit(0));
