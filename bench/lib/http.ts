import { Agent, request } from 'node:http';

/** Keep-alive agents per source address: joins from one 127.0.0.x reuse their connections. */
const agents = new Map<string, Agent>();

function agentFor(localAddress: string | undefined): Agent {
  const key = localAddress ?? '';
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = new Agent({ keepAlive: true, maxSockets: 8, ...(localAddress ? { localAddress } : {}) })));
  return agent;
}

/** POSTs JSON and parses the JSON answer; `localAddress` picks the loopback source address. */
export function postJson(url: string, body: unknown, localAddress?: string): Promise<{ status: number; body: any }> {
  const target = new URL(url);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: agentFor(localAddress),
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: { ok: false, error: 'not_json', message: text.slice(0, 200) } });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  return res.json();
}

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
