/**
 * Preloaded into every server the benchmark starts (`--import ./bench/lib/probe.mjs`), app or
 * baseline alike, so both are measured the same way: a tiny HTTP endpoint on its own port
 * (BENCH_PROBE_PORT) with memory, CPU, event-loop delay and GC pauses, and a forced GC when the
 * process runs with --expose-gc. It adds nothing to the server under test but one idle listener.
 *
 * Plain JavaScript, not TypeScript: worker threads inherit `--import` flags and may load this
 * before any TypeScript loader is active in them (the app's seating planner is a worker).
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const port = Number(process.env.BENCH_PROBE_PORT);
if (port && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const gc = globalThis.gc;
  // Garbage-collection pauses since the last reset: a long one stalls every socket at once.
  const pauses = { count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.count++;
      pauses.totalMs += entry.duration;
      pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });

  const stats = () => {
    const cpu = process.cpuUsage();
    return {
      pid: process.pid,
      memory: process.memoryUsage(),
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoop: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      gc: { ...pauses },
    };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://probe');
    if (url.pathname === '/gc') {
      if (!gc) {
        res.writeHead(409).end('start with --expose-gc');
        return;
      }
      // Several passes: the first frees objects whose finalisers free more.
      for (let i = 0; i < 4; i++) gc();
    }
    const body = stats();
    if (url.searchParams.has('reset')) {
      delay.reset();
      Object.assign(pauses, { count: 0, totalMs: 0, maxMs: 0 });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(port, '127.0.0.1');
  // The probe must never keep a server alive that wants to exit.
  server.unref();
}
