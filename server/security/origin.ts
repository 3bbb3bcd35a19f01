import type { IncomingMessage } from 'node:http';

/**
 * Which web pages may open a socket to this server. A browser sends `Origin` with every WebSocket
 * handshake, and cookies are not what authenticates here, but a page elsewhere could still drive a
 * visitor's browser to connect with a token it scraped, or flood handshakes from every visitor: so
 * only this server's own pages (the request's own host, and PUBLIC_URL) and origins the operator
 * lists are accepted. A client that sends no Origin is not a browser, and could claim any origin.
 */
export function originPolicy(options: { publicUrl?: string; allowed?: readonly string[] }) {
  const fixed = new Set<string>();
  for (const url of [options.publicUrl, ...(options.allowed ?? [])]) {
    if (url && URL.canParse(url)) fixed.add(new URL(url).origin);
  }
  return {
    allows(req: Pick<IncomingMessage, 'headers'>): boolean {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      if (!URL.canParse(origin)) return false;
      const { origin: normalised, host } = new URL(origin);
      return fixed.has(normalised) || host === req.headers.host;
    },
  };
}
