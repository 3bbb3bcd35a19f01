import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { audioConfig, readEnv } from '../../server/config.ts';
import { iceConfig, turnCredential } from '../../server/security/turn.ts';

/**
 * TURN credentials in the REST scheme coturn checks on its own (`use-auth-secret`): anyone holding
 * the secret can compute them, nobody else can, and they stop working at the time they carry.
 */

const SECRET = 'north-hall-coturn-secret-2026';
const NOON = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('TURN credentials', () => {
  it('are "<expiry>:<tag>" and the base64 HMAC-SHA1 of it, as OpenSSL computes it', () => {
    const c = turnCredential(SECRET, 3600, NOON, 'Zq8xY2k1Lm');
    expect(c.username).toBe(`${NOON / 1000 + 3600}:Zq8xY2k1Lm`);
    expect(c.expiresAt).toBe(NOON + 3_600_000);
    const openssl = execFileSync('openssl', ['dgst', '-sha1', '-hmac', SECRET, '-binary'], { input: c.username });
    expect(c.credential).toBe(openssl.toString('base64'));
  });

  it('carry a random tag, so coturn’s log links no two members', () => {
    const a = turnCredential(SECRET, 3600, NOON);
    const b = turnCredential(SECRET, 3600, NOON);
    expect(a.username.split(':')[0]).toBe(b.username.split(':')[0]);
    expect(a.username).not.toBe(b.username);
  });

  it('go with the TURN URLs only; STUN URLs need none, and no servers at all is a valid setting', () => {
    const config = {
      stunUrls: ['stun:stun.example.org:3478'],
      turnUrls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349'],
      turnSecret: SECRET,
      turnTtlSeconds: 600,
      policy: 'relay' as const,
    };
    const ice = iceConfig(config, NOON);
    expect(ice.iceServers).toEqual([
      { urls: ['stun:stun.example.org:3478'] },
      { urls: ['turn:turn.example.org:3478', 'turns:turn.example.org:5349'], username: expect.stringMatching(/^\d+:/), credential: expect.any(String) },
    ]);
    expect(ice).toMatchObject({ iceTransportPolicy: 'relay', expiresAt: NOON + 600_000 });
    expect(iceConfig({ ...config, stunUrls: [], turnUrls: [] }, NOON)).toEqual({ iceServers: [], iceTransportPolicy: 'relay', expiresAt: null });
  });
});

describe('audio settings from the environment', () => {
  it('send calls through TURN by default once a TURN server is set, so members never see each other’s addresses', () => {
    const env = readEnv({ TABLEHOP_TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349', TABLEHOP_TURN_SECRET: SECRET });
    expect(audioConfig(env)).toEqual({
      stunUrls: [],
      turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
      turnSecret: SECRET,
      turnTtlSeconds: 4 * 3600,
      policy: 'relay',
    });
    expect(audioConfig(readEnv({})).policy).toBe('all');
    expect(audioConfig(readEnv({ TABLEHOP_TURN_URLS: 'turn:t.example.org', TABLEHOP_TURN_SECRET: SECRET, TABLEHOP_ICE_POLICY: 'all' })).policy).toBe('all');
  });

  it('refuse a TURN server without its secret, relaying without TURN, and URLs of the wrong kind', () => {
    expect(() => audioConfig(readEnv({ TABLEHOP_TURN_URLS: 'turn:t.example.org' }))).toThrow('TABLEHOP_TURN_SECRET: required with TABLEHOP_TURN_URLS');
    expect(() => audioConfig(readEnv({ TABLEHOP_ICE_POLICY: 'relay' }))).toThrow('relay needs TABLEHOP_TURN_URLS');
    expect(() => readEnv({ TABLEHOP_STUN_URLS: 'https://stun.example.org' })).toThrow('each must start with stun: or stuns:');
    expect(() => readEnv({ TABLEHOP_TURN_SECRET: 'short' })).toThrow('at least 16 characters');
  });
});
