import { useT } from '../../i18n/i18n.ts';
import { Header } from '../../ui/Header.tsx';
import { Link } from '../../ui/Link.tsx';

export function NotFound() {
  const t = useT();
  return (
    <div className="page page--narrow">
      <Header />
      <main className="stack" id="main">
        <h1>{t('notFound.title')}</h1>
        <p>
          <Link href="/">{t('notFound.home')}</Link>
        </p>
      </main>
    </div>
  );
}
