import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, tail } from './spawn.ts';

/**
 * Debian's Janus (`apt-get install janus`, 1.1.2 in bookworm) with only its AudioBridge plugin and
 * its HTTP transport, started in the foreground on free ports with a temporary configuration, and
 * the few Janus API calls a participant of an AudioBridge room needs. For the audio benchmark's
 * comparison of media paths; the app itself does not use Janus (docs/audio.md says why).
 */

export const JANUS = '/usr/bin/janus';
const LIB = '/usr/lib/x86_64-linux-gnu/janus';

export interface Janus {
  pid: number;
  api: string;
  stop(): Promise<void>;
  output(): string;
}

export function janusInstalled(): boolean {
  return existsSync(JANUS) && existsSync(join(LIB, 'plugins', 'libjanus_audiobridge.so'));
}

export async function startJanus(): Promise<Janus> {
  const dir = mkdtempSync(join(tmpdir(), 'tablehop-janus-'));
  for (const sub of ['plugins', 'transports', 'conf', 'events', 'loggers']) mkdirSync(join(dir, sub));
  symlinkSync(join(LIB, 'plugins', 'libjanus_audiobridge.so'), join(dir, 'plugins', 'libjanus_audiobridge.so'));
  symlinkSync(join(LIB, 'transports', 'libjanus_http.so'), join(dir, 'transports', 'libjanus_http.so'));
  const port = await freePort();
  const rtp = 42_000 + Math.floor(Math.random() * 100) * 100;
  writeFileSync(
    join(dir, 'conf', 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}/conf"
  plugins_folder = "${dir}/plugins"
  transports_folder = "${dir}/transports"
  events_folder = "${dir}/events"
  loggers_folder = "${dir}/loggers"
  debug_level = 3
  session_timeout = 300
}
media: {
  rtp_port_range = "${rtp}-${rtp + 99}"
}
`,
  );
  writeFileSync(
    join(dir, 'conf', 'janus.transport.http.jcfg'),
    `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${port}
  interface = "lo"
  https = false
}
admin: {
  admin_http = false
}
`,
  );
  writeFileSync(join(dir, 'conf', 'janus.plugin.audiobridge.jcfg'), 'general: {\n}\n');
  const child: ChildProcess = spawn(JANUS, ['-C', join(dir, 'conf', 'janus.jcfg'), '-F', join(dir, 'conf'), '-o'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const api = `http://127.0.0.1:${port}/janus`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`janus exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`janus did not start:\n${output()}`);
    }
    try {
      if ((await fetch(`${api}/info`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    api,
    output,
    async stop() {
      await stopChild(child, 'SIGTERM', 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let transactions = 0;

async function post(url: string, body: object): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, transaction: `t${++transactions}` }),
  });
  const json = await res.json();
  if (json.janus === 'error') throw new Error(`janus: ${JSON.stringify(json.error)}`);
  return json;
}

/** One participant's Janus session, attached to the AudioBridge plugin. */
export class AudioBridgeClient {
  private constructor(
    private readonly api: string,
    private readonly session: number,
    private readonly handle: number,
  ) {}

  static async connect(api: string): Promise<AudioBridgeClient> {
    const session = (await post(api, { janus: 'create' })).data.id as number;
    const handle = (await post(`${api}/${session}`, { janus: 'attach', plugin: 'janus.plugin.audiobridge' })).data.id as number;
    return new AudioBridgeClient(api, session, handle);
  }

  /** A room mixing at 48 kHz, as a table's would. */
  async createRoom(room: number): Promise<void> {
    const reply = await post(`${this.api}/${this.session}/${this.handle}`, {
      janus: 'message',
      body: { request: 'create', room, sampling_rate: 48_000, record: false },
    });
    const data = reply.plugindata?.data;
    if (data?.error && data.error_code !== 486) throw new Error(`audiobridge create: ${data.error}`);
  }

  /** Joins with an offer (all candidates inside) and returns the answer SDP. */
  async join(room: number, offerSdp: string): Promise<string> {
    await post(`${this.api}/${this.session}/${this.handle}`, {
      janus: 'message',
      body: { request: 'join', room, muted: false },
      jsep: { type: 'offer', sdp: offerSdp },
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const events = await (await fetch(`${this.api}/${this.session}?maxev=5&rid=${Date.now()}`)).json();
      for (const e of Array.isArray(events) ? events : [events]) {
        if (e.jsep?.type === 'answer') return e.jsep.sdp as string;
        const error = e.plugindata?.data?.error;
        if (error) throw new Error(`audiobridge join: ${error}`);
      }
    }
    throw new Error('audiobridge: no answer');
  }

  /** Janus drops sessions nobody asks about; a long poll now and then keeps this one. */
  async keepAlive(): Promise<void> {
    await post(`${this.api}/${this.session}`, { janus: 'keepalive' });
  }

  async destroy(): Promise<void> {
    await post(`${this.api}/${this.session}`, { janus: 'destroy' }).catch(() => undefined);
  }
}
