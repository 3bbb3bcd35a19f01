import { useId, useState, type FormEvent } from 'react';
import { normaliseJoinCode } from '../../../shared/protocol/joinCode.ts';
import { useT } from '../../i18n/i18n.ts';
import { navigate } from '../../router.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { Header } from '../../ui/Header.tsx';
import { Link } from '../../ui/Link.tsx';

/** The front door: run a café, or join one with a code. */
export function Home() {
  const t = useT();
  const [code, setCode] = useState('');
  const codeId = useId();
  const earlier = facilitatedSessions.list().slice(0, 5);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = normaliseJoinCode(code);
    if (clean) navigate(`/join/${clean}`);
  };
  return (
    <div className="page page--narrow">
      <Header home={false} />
      <main className="stack stack--lg" id="main">
        <section className="hero">
          <h1 className="hero__title">{t('home.title')}</h1>
          <p className="hero__lead">{t('home.lead')}</p>
        </section>
        <div className="home-grid">
          <section className="card stack" aria-labelledby={`${codeId}-join`}>
            <h2 id={`${codeId}-join`} className="card__title">
              {t('home.joinTitle')}
            </h2>
            <form onSubmit={submit} className="stack">
              <div className="field">
                <label htmlFor={codeId}>{t('home.codeLabel')}</label>
                <input
                  id={codeId}
                  className="input input--code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={12}
                  placeholder="ABC234"
                  required
                />
              </div>
              <button type="submit" className="btn btn--primary btn--block">
                {t('home.joinAction')}
              </button>
            </form>
          </section>
          <section className="card stack" aria-labelledby={`${codeId}-run`}>
            <h2 id={`${codeId}-run`} className="card__title">
              {t('home.runTitle')}
            </h2>
            <p className="muted">{t('home.runLead')}</p>
            <Link href="/new" className="btn btn--primary btn--block">
              {t('home.runAction')}
            </Link>
            {earlier.length > 0 && (
              <nav aria-label={t('home.earlier')} className="stack stack--sm">
                <h3 className="eyebrow">{t('home.earlier')}</h3>
                <ul className="plain-list">
                  {earlier.map((s) => (
                    <li key={s.sessionId}>
                      <Link href={`/facilitate/${s.sessionId}`}>{s.title}</Link> <span className="muted">· {s.code}</span>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </section>
        </div>
      </main>
    </div>
  );
}
