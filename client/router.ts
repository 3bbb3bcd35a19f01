import { useSyncExternalStore } from 'react';

/** Six routes do not need a router library: a pattern list, pushState and one event. */

export type Route =
  | { name: 'home' }
  | { name: 'new' }
  | { name: 'facilitate'; sessionId: string }
  | { name: 'join'; code: string }
  | { name: 'participant'; sessionId: string }
  | { name: 'display'; code: string }
  | { name: 'rapporteur'; sessionId: string }
  | { name: 'device'; sessionId: string }
  | { name: 'notFound' };

const patterns: [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/new\/?$/, () => ({ name: 'new' })],
  [/^\/facilitate\/([A-Za-z0-9_-]{1,64})\/?$/, (m) => ({ name: 'facilitate', sessionId: m[1]! })],
  [/^\/join(?:\/([A-Za-z0-9-]{0,20}))?\/?$/, (m) => ({ name: 'join', code: (m[1] ?? '').toUpperCase() })],
  [/^\/p\/([A-Za-z0-9_-]{1,64})\/?$/, (m) => ({ name: 'participant', sessionId: m[1]! })],
  [/^\/display\/([A-Za-z0-9-]{1,20})\/?$/, (m) => ({ name: 'display', code: m[1]!.toUpperCase() })],
  [/^\/rapporteur\/([A-Za-z0-9_-]{1,64})\/?$/, (m) => ({ name: 'rapporteur', sessionId: m[1]! })],
  [/^\/table\/([A-Za-z0-9_-]{1,64})\/?$/, (m) => ({ name: 'device', sessionId: m[1]! })],
];

export function matchRoute(pathname: string): Route {
  for (const [pattern, build] of patterns) {
    const m = pattern.exec(pathname);
    if (m) return build(m);
  }
  return { name: 'notFound' };
}

const NAVIGATED = 'tablehop:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
