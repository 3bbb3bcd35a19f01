import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real coturn (Debian's `coturn` package, `turnserver`) for the tests: on a free port of the
 * loopback interface, with a temporary configuration and the TURN REST shared secret, in the
 * foreground (no daemon), stopped with the test. Loopback peers are allowed here only because every
 * browser of the test runs on this machine; production configurations must not (see the README).
 */

export const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

export interface Coturn {
  port: number;
  url: string;
  secret: string;
  /** For benchmarks that read its CPU time from /proc. */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A STUN binding request; coturn answers once it is listening. */
async function answersStun(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0);
  request.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(request, 8);
  try {
    socket.send(request, port, '127.0.0.1');
    const reply = await Promise.race([once(socket, 'message').then(([msg]) => msg as Buffer), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
    return reply !== null && reply.readUInt16BE(0) === 0x0101;
  } finally {
    socket.close();
  }
}

export async function startCoturn(): Promise<Coturn> {
  const binary = [TURNSERVER, '/usr/sbin/turnserver'].find((p) => existsSync(p));
  if (!binary) throw new Error('turnserver not found: install Debian’s coturn (apt-get install coturn); .ci/run does.');
  const dir = mkdtempSync(join(tmpdir(), 'tablehop-coturn-'));
  const port = await freePort();
  const secret = randomBytes(24).toString('base64url');
  // A relay range of its own, away from the usual ephemeral ports, so parallel runs rarely meet.
  const minPort = 40_000 + Math.floor(Math.random() * 200) * 100;
  const config = [
    `listening-ip=127.0.0.1`,
    `relay-ip=127.0.0.1`,
    `listening-port=${port}`,
    `min-port=${minPort}`,
    `max-port=${minPort + 99}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=tablehop.test',
    'fingerprint',
    'no-tls',
    'no-dtls',
    'no-cli',
    'no-multicast-peers',
    // Every browser here is on this machine: their relayed addresses are loopback ones.
    'allow-loopback-peers',
    'simple-log',
    'log-file=stdout',
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `userdb=${join(dir, 'turndb.sqlite')}`,
  ];
  writeFileSync(join(dir, 'turnserver.conf'), config.join('\n') + '\n');
  const child: ChildProcess = spawn(binary, ['-c', join(dir, 'turnserver.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const deadline = Date.now() + 10_000;
  while (!(await answersStun(port))) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`turnserver did not answer on port ${port}:\n${out}`);
    }
  }
  return {
    port,
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    pid: child.pid!,
    output: () => out,
    async stop() {
      if (child.exitCode === null && !child.signalCode) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
