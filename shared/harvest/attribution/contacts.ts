import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { overlaps, type Hit } from './types.ts';

/**
 * Contact details by pattern: e-mail addresses (also "name [at] domain [dot] org"), @handles,
 * links and phone numbers (libphonenumber). Links that are not profiles come back marked
 * `generic`: they are findings only when they carry a roster name, which the caller decides.
 */

export type ContactHit = Hit & { generic?: boolean };

const EMAIL_RE = /(?<![@\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const OBFUSCATED_EMAIL_RE =
  /[\p{L}\p{N}._+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s(?:at|arobase)\s)\s*[\p{L}\p{N}-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s(?:dot|point)\s)\s*[\p{L}\p{N}-]+)+/giu;
const HANDLE_RE = /(?<![\p{L}\p{N}_.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?/gu;
const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|\bmailto:[^\s<>"]+|\b(?:[a-z0-9-]+\.)*(?:linkedin\.com|twitter\.com|x\.com|github\.com|gitlab\.com|facebook\.com|fb\.com|instagram\.com|tiktok\.com|medium\.com|youtube\.com|t\.me|wa\.me|bsky\.app|threads\.net|about\.me|linktr\.ee|keybase\.io|orcid\.org|researchgate\.net|mastodon\.[a-z]+)\/[^\s<>"]+/giu;
/** Bare domains ("amakaokafor.net"): reported only when they carry a roster name. */
const BARE_DOMAIN_RE =
  /(?<![\p{L}\p{N}@./-])(?:[\p{L}\p{N}-]+\.)+(?:com|net|org|info|io|me|blog|site|dev|co|page|xyz|online|fr|de|uk|ke|ng|za|in|jp|be|ch|ca|au|nl|es|it|pt|br|rw|sn|eu)(?:\/[^\s<>"]*)?(?![\p{L}\p{N}])/giu;
const PROFILE_PATH =
  /(?:linkedin\.com\/(?:in|pub)\/|(?:^|[./])(?:twitter|x)\.com\/(?!(?:search|home|i|hashtag|intent|share)\b)[A-Za-z0-9_]|github\.com\/[A-Za-z0-9-]|gitlab\.com\/[A-Za-z0-9-]|(?:facebook|fb|instagram)\.com\/[A-Za-z0-9.]|tiktok\.com\/@|medium\.com\/@|youtube\.com\/(?:@|c\/|user\/|channel\/)|(?:^|[./])t\.me\/|wa\.me\/|bsky\.app\/profile\/|threads\.net\/@|about\.me\/|linktr\.ee\/|keybase\.io\/|orcid\.org\/|researchgate\.net\/profile\/|\/~[A-Za-z0-9]|\/@[A-Za-z0-9_]|[?&](?:user|u|profile|author)=)/i;
const PHONE_COUNTRIES: CountryCode[] = ['US', 'GB', 'FR', 'DE', 'KE', 'NG', 'IN', 'ZA', 'BR', 'JP', 'AU', 'CA'];
const SEVEN_DIGITS = /\d(?:[^\d\n]{0,3}\d){6}/;
const INTERNATIONAL_PHONE_RE = /(?<![\p{L}\p{N}+])(?:\+|00)\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}(?![\p{L}\p{N}])/gu;

export function contactHits(text: string): ContactHit[] {
  const hits: ContactHit[] = [];
  const trimEnd = (start: number, raw: string) => {
    let s = raw;
    while (/[.,;:!?)\]}'"’»]$/.test(s)) s = s.slice(0, -1);
    return { start, end: start + s.length, s };
  };
  for (const m of text.matchAll(EMAIL_RE)) hits.push({ kind: 'email', start: m.index, end: m.index + m[0].length, replacement: '[e-mail withheld]' });
  for (const m of text.matchAll(OBFUSCATED_EMAIL_RE)) {
    if (!/(?:dot|point)/i.test(m[0])) continue;
    hits.push({ kind: 'email', start: m.index, end: m.index + m[0].length, replacement: '[e-mail withheld]' });
  }
  for (const m of text.matchAll(URL_RE)) {
    const { start, end, s } = trimEnd(m.index, m[0]);
    if (/^mailto:/i.test(s) || PROFILE_PATH.test(s)) hits.push({ kind: 'url', start, end, replacement: '[link withheld]' });
    else hits.push({ kind: 'url', start, end, replacement: '[link withheld]', generic: true });
  }
  for (const m of text.matchAll(BARE_DOMAIN_RE)) {
    const { start, end } = trimEnd(m.index, m[0]);
    if (!hits.some((h) => h.kind === 'url' && overlaps(h, { start, end })))
      hits.push({ kind: 'url', start, end, replacement: '[link withheld]', generic: true });
  }
  for (const m of text.matchAll(HANDLE_RE)) hits.push({ kind: 'handle', start: m.index, end: m.index + m[0].length, replacement: '[handle withheld]' });
  const phones = new Map<number, number>();
  // No phone number has fewer than seven digits: most notes need no parsing at all.
  const digits = SEVEN_DIGITS.test(text);
  for (const country of digits ? PHONE_COUNTRIES : []) {
    for (const found of findPhoneNumbersInText(text, { defaultCountry: country })) {
      phones.set(found.startsAt, Math.max(phones.get(found.startsAt) ?? 0, found.endsAt));
    }
  }
  for (const m of text.matchAll(INTERNATIONAL_PHONE_RE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15) phones.set(m.index, Math.max(phones.get(m.index) ?? 0, m.index + m[0].length));
  }
  // Dates and reference numbers that happen to parse as phone numbers: 2023-0412-77, 2024.03.12.
  for (const [start, end] of phones) if (/^(?:19|20)\d\d[-./]/.test(text.slice(start, end))) phones.delete(start);
  for (const [start, end] of phones) hits.push({ kind: 'phone', start, end, replacement: '[phone number withheld]' });
  return hits;
}
