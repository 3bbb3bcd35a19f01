import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { previewSeating, type SeatingPreview, type SeatingState } from '../../shared/domain/seating.ts';

const CACHED = 16;

interface Job {
  input: SeatingState;
  attempt: number;
  resolve: (preview: SeatingPreview) => void;
  reject: (error: Error) => void;
}

/**
 * Seating previews, computed on one worker thread per process and remembered by session, seating
 * version and attempt. A preview is a pure function of those, so "accept" reuses the one the
 * facilitator just looked at instead of planning again, and a second console asking for the same
 * preview waits for the same work. Should the worker fail to start, previews are computed inline
 * (correct, but they block the event loop while they run).
 */
export class Planner {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly cache = new Map<string, Promise<SeatingPreview>>();

  constructor(
    private readonly logger: Logger,
    private readonly mode: 'worker' | 'inline' = 'worker',
  ) {}

  /** `input` must be a copy taken between commands (`runtime.read(seatingInput)`). */
  preview(input: SeatingState, attempt: number): Promise<SeatingPreview> {
    const key = `${input.id}:${input.seatingVersion}:${attempt}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const work = this.compute(input, attempt);
    this.cache.set(key, work);
    work.catch(() => this.cache.delete(key));
    for (const old of this.cache.keys()) {
      if (this.cache.size <= CACHED) break;
      this.cache.delete(old);
    }
    return work;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.broken = true;
    for (const job of this.jobs.values()) job.reject(new Error('The planner was closed.'));
    this.jobs.clear();
    await worker?.terminate();
  }

  private compute(input: SeatingState, attempt: number): Promise<SeatingPreview> {
    const worker = this.mode === 'worker' ? this.start() : null;
    if (!worker) return Promise.resolve().then(() => previewSeating(input, { attempt }));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { input, attempt, resolve, reject });
      worker.ref();
      worker.postMessage({ id, input, attempt });
    });
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(new URL('./planner.worker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (message: { id: number; preview?: SeatingPreview; error?: string }) => {
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        if (!this.jobs.size) worker.unref();
        if (message.preview) job.resolve(message.preview);
        else job.reject(new Error(message.error ?? 'The planner failed.'));
      });
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (this.worker === worker && !this.broken) this.fail(worker, new Error(`The planner's worker exited with code ${code}.`));
      });
      this.worker = worker;
      return worker;
    } catch (error) {
      this.fail(null, error as Error);
      return null;
    }
  }

  /** A worker that failed is not restarted: the jobs it held, and later ones, are computed inline. */
  private fail(worker: Worker | null, error: Error) {
    if (worker && this.worker !== worker) return;
    this.logger.error({ err: error }, 'seating planner worker failed; planning inline from now on');
    this.worker = null;
    this.broken = true;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) {
      try {
        job.resolve(previewSeating(job.input, { attempt: job.attempt }));
      } catch (e) {
        job.reject(e as Error);
      }
    }
  }
}
