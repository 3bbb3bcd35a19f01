import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../support/process.ts';
import { tempDataDir } from '../support/server.ts';

/** A raw GET with the given headers; resolves with the status, or the error's code. */
function get(url: string, path: string, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end();
  });
}

/**
 * The server seals Object.prototype at start. A frozen prototype once looked tempting, but Node
 * copies request headers into a plain object, and a frozen `constructor` made that copy throw: one
 * anonymous request with a `Constructor:` header stopped the process.
 */
describe('the prototype tripwire', () => {
  let dataDir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await spawnServer({ TABLEHOP_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives requests whose header names are prototype members, on every route', async () => {
    const names = ['Constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', '__defineGetter__', 'isPrototypeOf'];
    for (const name of names) {
      expect(await get(server.url, '/healthz', { [name]: '1' }), name).toBe(200);
      expect(await get(server.url, '/api/join/ACDEFG', { [name]: '1' }), name).toBe(404);
      // The WebSocket upgrade parses headers on the same path.
      expect(
        await get(server.url, '/socket.io/?EIO=4&transport=websocket', {
          [name]: '1',
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        }),
        name,
      ).toBe(101);
    }
    expect(await get(server.url, '/healthz', {})).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});
