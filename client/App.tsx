import { Suspense } from 'react';
import { matchRoute, usePathname, type Route } from './router.ts';
import { Toasts } from './ui/toast.tsx';
import { lazyRoute } from './ui/lazyRoute.ts';
import { useT } from './i18n/i18n.ts';

/** One code-split chunk per role: a phone never downloads the console or the QR library. */
const pages = {
  home: lazyRoute(null, () => import('./pages/home/Home.tsx').then((m) => m.Home)),
  new: lazyRoute('facilitator', () => import('./pages/facilitator/index.ts').then((m) => m.NewSession)),
  facilitate: lazyRoute('facilitator', () => import('./pages/facilitator/index.ts').then((m) => m.Console)),
  join: lazyRoute('participant', () => import('./pages/participant/index.ts').then((m) => m.JoinPage)),
  participant: lazyRoute('participant', () => import('./pages/participant/index.ts').then((m) => m.ParticipantApp)),
  display: lazyRoute('display', () => import('./pages/display/index.ts').then((m) => m.DisplayApp)),
  rapporteur: lazyRoute('harvest', () => import('./pages/rapporteur/index.ts').then((m) => m.RapporteurApp)),
  device: lazyRoute('audio', () => import('./pages/device/index.ts').then((m) => m.DeviceApp)),
  notFound: lazyRoute(null, () => import('./pages/home/NotFound.tsx').then((m) => m.NotFound)),
};

export function preloadRoute(route: Route): void {
  void pages[route.name].preload();
}

export function App() {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  return (
    <>
      <Suspense fallback={<Loading />}>
        <Page route={route} />
      </Suspense>
      <Toasts />
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <pages.home.Component />;
    case 'new':
      return <pages.new.Component />;
    case 'facilitate':
      return <pages.facilitate.Component key={route.sessionId} sessionId={route.sessionId} />;
    case 'join':
      return <pages.join.Component key={route.code} code={route.code} />;
    case 'participant':
      return <pages.participant.Component key={route.sessionId} sessionId={route.sessionId} />;
    case 'display':
      return <pages.display.Component key={route.code} code={route.code} />;
    case 'rapporteur':
      return <pages.rapporteur.Component key={route.sessionId} sessionId={route.sessionId} />;
    case 'device':
      return <pages.device.Component key={route.sessionId} sessionId={route.sessionId} />;
    case 'notFound':
      return <pages.notFound.Component />;
  }
}

function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      {t('app.loading')}
    </div>
  );
}
