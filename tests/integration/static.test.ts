import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** The server hands phones the built client: compressed, cached for good, one page for every route. */
describe('serving the client', () => {
  let server: TestServer;

  beforeAll(async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'tablehop-client-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Tablehop</title><div id="root"></div>');
    writeFileSync(join(clientDir, 'assets', 'participant-abc123.js'), `export const words = ${JSON.stringify('note '.repeat(4000))};`);
    // As the build leaves them: the same file compressed ahead of time.
    const core = Buffer.from(`export const core = ${JSON.stringify('table '.repeat(4000))};`);
    writeFileSync(join(clientDir, 'assets', 'core-def456.js'), core);
    writeFileSync(join(clientDir, 'assets', 'core-def456.js.br'), brotliCompressSync(core));
    writeFileSync(join(clientDir, 'assets', 'core-def456.js.gz'), gzipSync(core, { level: 9 }));
    server = await startServer({ clientDir });
  });

  afterAll(() => server.stop());

  it('sends fingerprinted JavaScript gzipped and cacheable for a year', async () => {
    const res = await get(`${server.url}/assets/participant-abc123.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeLessThan(2_000);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves the files the build compressed ahead of time, the best the browser accepts', async () => {
    const br = await get(`${server.url}/assets/core-def456.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toContain('export const core');
    const gz = await get(`${server.url}/assets/core-def456.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('export const core');
    const plain = await get(`${server.url}/assets/core-def456.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('export const core');
  });

  it('answers every client route with the one page, never cached', async () => {
    for (const path of ['/', '/join/ABC234', '/p/some-session', '/facilitate/x', '/display/ABC234']) {
      const res = await get(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.body.toString()).toContain('<div id="root">');
      expect(res.headers['cache-control'], path).toBe('public, max-age=0');
    }
    expect((await get(`${server.url}/api/nothing-here`)).status).toBe(404);
  });

  it('guards pages with a content security policy, and keeps API answers (which carry tokens) out of every cache', async () => {
    const page = await get(`${server.url}/join/ABC234`);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const created = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Headers', tables: [{ question: 'Who pays?' }], rounds: 1, roundSeconds: 600, movingSeconds: 60, autoAdvance: false }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.headers.get('x-content-type-options')).toBe('nosniff');
    const unknown = await get(`${server.url}/api/nothing-here`);
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ ok: false, error: 'not_found', message: 'No such endpoint.' });
    expect(unknown.headers['cache-control']).toBe('no-store');
  });
});
