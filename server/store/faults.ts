import type { DomainEvent, DomainEventType } from '../../shared/domain/events.ts';
import type { SessionStore } from './types.ts';

/**
 * Fault injection for the fault tests and `npm run bench:faults`, never set in production: with
 * TABLEHOP_FAULT_DIE_AFTER_APPEND=<fact type>, the process kills itself (SIGKILL, no cleanup) the
 * moment an append holding such a fact has been committed, before it applies it, tells anyone
 * or acknowledges the command. That is the worst moment to die: the fact is in the log and nobody
 * has heard of it from this process.
 */
export function dieAfterAppend(store: SessionStore, type: DomainEventType): SessionStore {
  const append = store.append.bind(store);
  store.append = async (sessionId: string, expectedVersion: number, events: DomainEvent[]) => {
    await append(sessionId, expectedVersion, events);
    if (events.some((e) => e.type === type)) process.kill(process.pid, 'SIGKILL');
  };
  return store;
}
