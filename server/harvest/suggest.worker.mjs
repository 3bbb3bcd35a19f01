/**
 * The theme suggester's worker thread: suggestions for a plenary's thousands of notes take up to
 * half a second, so they run here, off the event loop that serves every session. The TypeScript
 * sources are loaded through tsx, as the server's are.
 */
import { parentPort } from 'node:worker_threads';

// The worker has its own globals: the same tripwire as the main thread (server/security/tripwire.ts).
Object.freeze(Object.prototype);
import { register } from 'tsx/esm/api';

register();
const { suggestThemes } = await import('../../shared/harvest/suggest/index.ts');

parentPort.on('message', ({ id, notes, options }) => {
  try {
    parentPort.postMessage({ id, suggestions: suggestThemes(notes, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
