import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { suggestThemes, type SuggestNote, type SuggestOptions, type Suggestions } from '../../shared/harvest/suggest/index.ts';

interface Job {
  notes: SuggestNote[];
  options: SuggestOptions;
  resolve: (suggestions: Suggestions) => void;
  reject: (error: Error) => void;
}

/**
 * Theme suggestions (shared/harvest/suggest), computed on one worker thread per process so that a
 * plenary's harvest never stalls the other sessions' events. Jobs queue on the thread in the order
 * asked. It keeps nothing between jobs: which notes to send, and when to ask again, is the
 * caller's business. Should the worker fail to start or die, suggestions are computed inline
 * (correct, but they block the event loop while they run).
 */
export class ThemeSuggester {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();

  constructor(
    private readonly logger: Logger,
    private readonly mode: 'worker' | 'inline' = 'worker',
  ) {}

  /** One question's notes. The notes are copied to the worker; later changes to them do not count. */
  suggest(notes: readonly SuggestNote[], options: SuggestOptions): Promise<Suggestions> {
    const copy = notes.map(({ id, text, language }) => (language === undefined ? { id, text } : { id, text, language }));
    const worker = this.mode === 'worker' ? this.start() : null;
    if (!worker) return Promise.resolve().then(() => suggestThemes(copy, options));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { notes: copy, options, resolve, reject });
      worker.ref();
      worker.postMessage({ id, notes: copy, options });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.broken = true;
    for (const job of this.jobs.values()) job.reject(new Error('The theme suggester was closed.'));
    this.jobs.clear();
    await worker?.terminate();
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(new URL('./suggest.worker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (message: { id: number; suggestions?: Suggestions; error?: string }) => {
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        if (!this.jobs.size) worker.unref();
        if (message.suggestions) job.resolve(message.suggestions);
        else job.reject(new Error(message.error ?? 'The theme suggester failed.'));
      });
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (this.worker === worker && !this.broken) this.fail(worker, new Error(`The theme suggester's worker exited with code ${code}.`));
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
    this.logger.error({ err: error }, 'theme suggester worker failed; suggesting inline from now on');
    this.worker = null;
    this.broken = true;
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) {
      try {
        job.resolve(suggestThemes(job.notes, job.options));
      } catch (e) {
        job.reject(e as Error);
      }
    }
  }
}
