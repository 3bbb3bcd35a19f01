/**
 * The planner's worker thread: seating previews take up to seconds for a large café (the whole
 * remaining plan, its diversity figures and the lower bound), so they run here, off the event loop
 * that serves every session. The TypeScript sources are loaded through tsx, as the server's are.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// The worker has its own globals: the same tripwire as the main thread (server/security/tripwire.ts),
// set once the loader is in and before the planner's code is.
Object.seal(Object.prototype);
register();
const { previewSeating } = await import('../../shared/domain/seating.ts');

parentPort.on('message', ({ id, input, attempt }) => {
  try {
    parentPort.postMessage({ id, preview: previewSeating(input, { attempt }) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
