import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Presence } from '../../../shared/domain/enums.ts';
import { normaliseJoinCode } from '../../../shared/protocol/joinCode.ts';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { api, type JoinInfo } from '../../net/api.ts';
import { once } from '../../net/commandIds.ts';
import { navigate } from '../../router.ts';
import { participantCredentials } from '../../state/credentials.ts';
import { Header } from '../../ui/Header.tsx';
import { describeRefusal } from '../../ui/refusal.ts';

type Lookup = { state: 'idle' } | { state: 'loading' } | { state: 'found'; info: JoinInfo } | { state: 'error'; message: string };

/** Joining from a link or a QR code (the code is in the URL) or by typing the code. */
export function JoinPage({ code }: { code: string }) {
  const t = useT();
  const [lookup, setLookup] = useState<Lookup>(code ? { state: 'loading' } : { state: 'idle' });

  useEffect(() => {
    if (!code) return;
    let live = true;
    void api.joinInfo(code).then((res) => {
      if (!live) return;
      setLookup(res.ok ? { state: 'found', info: res } : { state: 'error', message: describeRefusal(res) });
    });
    return () => {
      live = false;
    };
  }, [code]);

  return (
    <div className="page page--narrow p-join">
      <Header />
      <main className="stack stack--lg" id="main">
        {lookup.state === 'found' ? (
          <JoinForm info={lookup.info} />
        ) : (
          <>
            <h1>{t('join.title')}</h1>
            {lookup.state === 'loading' && <p role="status">{t('join.looking')}</p>}
            {lookup.state === 'error' && (
              <p className="notice notice--error" role="alert">
                {lookup.message}
              </p>
            )}
            {lookup.state !== 'loading' && <CodeForm initial={code} />}
          </>
        )}
      </main>
    </div>
  );
}

function CodeForm({ initial }: { initial: string }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = normaliseJoinCode(value);
    if (clean) navigate(`/join/${clean}`);
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('join.codeLabel')}</label>
        <input
          id={id}
          className="input input--code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={12}
          required
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('join.codeHint')}
        </p>
      </div>
      <button type="submit" className="btn btn--primary btn--block btn--large">
        {t('join.continue')}
      </button>
    </form>
  );
}

function JoinForm({ info }: { info: JoinInfo }) {
  const t = useT();
  const id = useId();
  const existing = participantCredentials.get(info.sessionId);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [presence, setPresence] = useState<Presence>('room');
  const [organisation, setOrganisation] = useState('');
  const [alias, setAlias] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!group) return setError(t('join.pickGroup'));
    setBusy(true);
    setError(null);
    // One key for this join until the server answers it: a tap after a lost answer resends the
    // same key and gets the same participant back, not a second one.
    const res = await once(`join:${info.sessionId}`, (joinKey) =>
      api.join(
        info.code,
        {
          name,
          group,
          presence,
          ...(info.askOrganisation && organisation.trim() ? { organisation } : {}),
          ...(alias.trim() ? { aliases: [alias] } : {}),
        },
        joinKey,
      ),
    );
    setBusy(false);
    if (!res.ok) return setError(describeRefusal(res));
    participantCredentials.set(res.sessionId, { token: res.participantToken, code: info.code, name: name.trim() });
    navigate(`/p/${res.sessionId}`, { replace: true });
  };

  if (info.phase === 'closed') {
    return (
      <section className="stack">
        <h1 dir="auto">{info.title}</h1>
        <p className="notice">{t('join.closed')}</p>
      </section>
    );
  }

  return (
    <>
      <section className="stack stack--sm">
        <p className="eyebrow">{t('join.eyebrow', { code: info.code })}</p>
        <h1 dir="auto">{info.title}</h1>
        {info.description && (
          <p className="muted" dir="auto">
            {info.description}
          </p>
        )}
      </section>
      {existing && (
        <div className="notice stack stack--sm">
          <p>{t('join.already', { name: existing.name })}</p>
          <button type="button" className="btn btn--primary btn--block" onClick={() => navigate(`/p/${info.sessionId}`, { replace: true })}>
            {t('join.resume')}
          </button>
        </div>
      )}
      <form className="stack stack--lg" onSubmit={(e) => void submit(e)} noValidate={false}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('join.name')}</label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={Limits.displayNameChars}
            autoComplete="nickname"
            required
            aria-describedby={`${id}-name-hint`}
          />
          <p id={`${id}-name-hint`} className="field__hint">
            {t('join.nameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-alias`}>{t('join.alias')}</label>
          <input
            id={`${id}-alias`}
            className="input"
            value={alias}
            onChange={(e) => setAlias(e.target.value)}
            maxLength={Limits.displayNameChars}
            autoComplete="off"
            aria-describedby={`${id}-alias-hint`}
          />
          <p id={`${id}-alias-hint`} className="field__hint">
            {t('join.aliasHint')}
          </p>
        </div>
        {info.askOrganisation && (
          <div className="field">
            <label htmlFor={`${id}-org`}>{t('join.organisation')}</label>
            <input
              id={`${id}-org`}
              className="input"
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              maxLength={Limits.organisationChars}
              autoComplete="organization"
              aria-describedby={`${id}-org-hint`}
            />
            <p id={`${id}-org-hint`} className="field__hint">
              {t('join.organisationHint')}
            </p>
          </div>
        )}
        <fieldset className="field">
          <legend>{t('join.group')}</legend>
          <div className="choice-grid">
            {info.stakeholderGroups.map((g) => (
              <label key={g} className="choice">
                <input type="radio" name="group" value={g} checked={group === g} onChange={() => setGroup(g)} required />
                <span>{g}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>{t('join.presence')}</legend>
          <div className="choice-grid choice-grid--two">
            {(['room', 'remote'] as const).map((p) => (
              <label key={p} className="choice">
                <input type="radio" name="presence" value={p} checked={presence === p} onChange={() => setPresence(p)} />
                <span>{p === 'room' ? t('join.inRoom') : t('join.remote')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="chatham" data-testid="chatham">
          <strong>{t('chatham.title')}</strong> {t('chatham.line')}
        </p>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn--primary btn--block btn--large" disabled={busy} aria-busy={busy}>
          {busy ? t('join.joining') : t('join.submit')}
        </button>
      </form>
    </>
  );
}
