/**
 * Copies the SQLite write-ahead log into the database file from a thread of its own. Left to
 * SQLite, the commit that crosses the threshold does it on the event loop and stalls every
 * session for a few milliseconds; a passive checkpoint here runs beside the writers instead.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
