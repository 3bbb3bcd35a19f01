import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Link } from './Link.tsx';

/** The bar every page starts with: the brand, what the page adds, the language switch. */
export function Header({ children, home = true }: { children?: ReactNode; home?: boolean }) {
  const t = useT();
  return (
    <header className="topbar">
      {home ? (
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
      ) : (
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </span>
      )}
      <div className="topbar__extra">{children}</div>
      <LanguageSwitch />
    </header>
  );
}
