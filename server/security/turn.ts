import { createHmac } from 'node:crypto';
import { nanoid } from 'nanoid';
import type { IceConfigView, IceServerView } from '../../shared/protocol/audio.ts';

/**
 * ICE servers for table audio, and short-lived TURN credentials in the TURN REST scheme that coturn
 * implements (`use-auth-secret` with `static-auth-secret`): the username is the expiry time in Unix
 * seconds, a colon and a tag; the password is base64(HMAC-SHA1(secret, username)). The TURN server
 * checks both without asking us, and refuses the credentials once the expiry has passed. The tag is
 * random for each credential: coturn logs usernames, and a log should link no one to anything.
 */

export interface AudioConfig {
  /** `stun:` URLs, given to every member as they are. */
  stunUrls: string[];
  /** `turn:` and `turns:` URLs; they need `turnSecret`. */
  turnUrls: string[];
  /** coturn's `static-auth-secret`. */
  turnSecret?: string;
  turnTtlSeconds: number;
  /**
   * `relay` sends every call through the TURN server, so members never learn each other's network
   * addresses (a company's address can name an organisation); `all` lets browsers connect directly.
   */
  policy: 'all' | 'relay';
}

export const DEFAULT_TURN_TTL_SECONDS = 4 * 60 * 60;

/** No ICE servers: browsers on one network (a venue's Wi-Fi) still reach each other directly. */
export const noIceServers: AudioConfig = { stunUrls: [], turnUrls: [], turnTtlSeconds: DEFAULT_TURN_TTL_SECONDS, policy: 'all' };

export interface TurnCredential {
  username: string;
  credential: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export function turnCredential(secret: string, ttlSeconds: number, now: number, tag: string = nanoid(10)): TurnCredential {
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiry}:${tag}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64'), expiresAt: expiry * 1000 };
}

/** What one member is given to build their peer connections with, at `now`. */
export function iceConfig(config: AudioConfig, now: number): IceConfigView {
  const iceServers: IceServerView[] = [];
  if (config.stunUrls.length) iceServers.push({ urls: config.stunUrls });
  let expiresAt: number | null = null;
  if (config.turnUrls.length && config.turnSecret) {
    const turn = turnCredential(config.turnSecret, config.turnTtlSeconds, now);
    iceServers.push({ urls: config.turnUrls, username: turn.username, credential: turn.credential });
    expiresAt = turn.expiresAt;
  }
  return { iceServers, iceTransportPolicy: config.policy, expiresAt };
}
