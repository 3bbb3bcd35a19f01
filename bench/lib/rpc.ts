import type { ChildProcess } from 'node:child_process';

/**
 * Request/response over a child process's IPC channel. The orchestrator drives each load
 * generator through a typed API instead of ad-hoc messages, so every step has one reply.
 */

/** Any interface of methods; `any` because each method has its own argument types. */
type Methods<Api> = { [K in keyof Api]: (...args: any[]) => unknown };

interface Request {
  rpc: number;
  method: string;
  args: unknown[];
}
interface Reply {
  rpc: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export class RpcClient<Api extends Methods<Api>> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: Reply) => {
      const waiter = this.pending.get(message.rpc);
      if (!waiter) return;
      this.pending.delete(message.rpc);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    });
    child.on('exit', (code, signal) => {
      for (const w of this.pending.values()) w.reject(new Error(`generator exited (${code ?? signal}) with a call pending`));
      this.pending.clear();
    });
  }

  call<K extends keyof Api & string>(method: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
    const rpc = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(rpc, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ rpc, method, args } satisfies Request);
    });
  }
}

/** In the child: answers each request with the handler's result or its error message. */
export function serveRpc<Api extends Methods<Api>>(handlers: Api): void {
  process.on('message', (message: Request) => {
    const handler = (handlers as Record<string, ((...args: unknown[]) => unknown) | undefined>)[message.method];
    const reply = (r: Omit<Reply, 'rpc'>) => process.send!({ rpc: message.rpc, ...r } satisfies Reply);
    if (!handler) return reply({ ok: false, error: `no method ${message.method}` });
    Promise.resolve()
      .then(() => handler(...message.args))
      .then(
        (value) => reply({ ok: true, value }),
        (error: unknown) => reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
}
