import { NoteKind, values } from '../../shared/domain/enums.ts';
import type { AuthoredNote, NotePlan, NoteRunReport } from './api.ts';
import { command } from './client.ts';
import { benchNow } from './clock.ts';
import { MinHeap } from './heap.ts';
import { noteText } from './note-text.ts';
import type { Recorder } from './recorder.ts';
import { Samples } from './samples.ts';
import type { Sim, Tallies } from './sim.ts';

const ACK_TIMEOUT_MS = 15_000;
const KINDS = [...values(NoteKind), null];

interface Due {
  at: number;
  sim: Sim;
  period: number;
  edit?: AuthoredNote;
}

/**
 * Writes notes on an open-loop schedule: each participant at its own fixed period with a
 * random phase, so a table of n produces `ratePerTable` notes a second whatever the server
 * does. A slow server cannot slow the senders down and hide its own latency.
 */
export function runNotes(
  plan: NotePlan,
  sims: readonly Sim[],
  recorder: Recorder,
  tallies: Tallies,
  rng: () => number,
  generator: number,
): Promise<NoteRunReport> {
  const report: NoteRunReport = { sent: 0, edits: 0, acked: 0, refused: {}, ackTimeouts: 0, sendLag: new Float64Array(), cpuSeconds: 0, wallSeconds: 0 };
  const cpu0 = process.cpuUsage();
  const wall0 = benchNow();
  const lag = new Samples();
  const endAt = plan.startAt + plan.durationMs;
  const queue = new MinHeap<Due>();
  for (const sim of sims) {
    const seat = sim.seat;
    if (!sim.connected || !seat?.tableId || seat.memberCount < 1) continue;
    const period = (seat.memberCount / plan.ratePerTable) * 1000;
    const at = plan.startAt + rng() * period;
    if (at < endAt) queue.push({ at, sim, period });
  }
  let outstanding = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    if (queue.size === 0 && outstanding === 0) finish();
  };
  const refuse = (error: string) => (report.refused[error] = (report.refused[error] ?? 0) + 1);

  const send = (item: Due) => {
    const { sim } = item;
    const tableId = sim.seat!.tableId!;
    if (item.edit) {
      const note = item.edit;
      const sentAt = benchNow();
      report.edits++;
      outstanding++;
      void command(sim.socket!, 'note:edit', { id: note.id, text: noteText(sentAt, note.id, true) }, ACK_TIMEOUT_MS).then(({ result, timedOut }) => {
        outstanding--;
        recorder.acked(plan.round, benchNow() - sentAt, true);
        if (timedOut) report.ackTimeouts++;
        else if (!result!.ok) refuse(result!.error);
        else note.edited = true;
        settle();
      });
      return;
    }
    // The shape of a client id (21 URL-safe characters), readable in a trace.
    const id = `n-${generator}-${sim.spec.idx}-${++sim.noteSeq}`.padEnd(21, '_');
    const note: AuthoredNote = {
      id,
      author: `${generator}-${sim.spec.idx}`,
      session: sim.spec.session,
      tableId,
      round: plan.round,
      accepted: false,
      edited: false,
    };
    recorder.authored.push(note);
    const kind = KINDS[Math.floor(rng() * KINDS.length)];
    const sentAt = benchNow();
    report.sent++;
    outstanding++;
    void command(sim.socket!, 'note:add', { id, tableId, round: plan.round, text: noteText(sentAt, id), kind }, ACK_TIMEOUT_MS).then(({ result, timedOut }) => {
      outstanding--;
      const ackAt = benchNow();
      recorder.acked(plan.round, ackAt - sentAt, false);
      if (timedOut) report.ackTimeouts++;
      else if (!result!.ok) refuse(result!.error);
      else {
        report.acked++;
        note.accepted = true;
        // Some notes get a second thought a little later, while the round still runs.
        const editAt = ackAt + 500 + rng() * 2000;
        if (rng() < plan.editFraction && editAt < endAt) {
          queue.push({ at: editAt, sim, period: 0, edit: note });
          arm();
        }
      }
      settle();
    });
  };

  // Only entries due before the end are queued, so the queue drains to empty when time is up.
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  const tick = () => {
    timer = undefined;
    timerAt = Infinity;
    const now = benchNow();
    for (let next = queue.peek(); next && next.at <= now; next = queue.peek()) {
      queue.pop();
      lag.add(now - next.at);
      send(next);
      const following = next.at + next.period;
      if (!next.edit && following < endAt) queue.push({ ...next, at: following });
    }
    arm();
    settle();
  };
  function arm() {
    const first = queue.peek();
    if (!first || first.at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = first.at;
    timer = setTimeout(tick, Math.max(0, first.at - benchNow()));
  }

  tallies.writing = true;
  arm();
  settle();
  return done.then(() => {
    tallies.writing = false;
    report.sendLag = lag.toArray();
    const cpu = process.cpuUsage(cpu0);
    report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
    report.wallSeconds = (benchNow() - wall0) / 1000;
    return report;
  });
}
