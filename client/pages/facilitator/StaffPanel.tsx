import { useId, useState } from 'react';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useT } from '../../i18n/i18n.ts';
import { facilitatedSessions } from '../../state/credentials.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

/**
 * Co-facilitators, for the creator of the session: each gets a link of their own, shown once
 * (only its hash is kept), and each can be withdrawn at once. The creator can also replace their
 * own link, for one that was shared too widely.
 */
export function StaffPanel({ sessionId }: { sessionId: string }) {
  const t = useT();
  const id = useId();
  const view = useFacilitator((s) => s.view)!;
  const [label, setLabel] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const { busy, act } = useAction();
  if (view.me !== 'creator') return null;
  return (
    <section className="card stack stack--sm" aria-labelledby={`${id}-title`} data-testid="staff">
      <h2 id={`${id}-title`} className="section-title">
        {t('f.staff.title')}
      </h2>
      <p className="muted">{t('f.staff.body')}</p>
      <form
        className="row row--wrap"
        onSubmit={async (e) => {
          e.preventDefault();
          const result = await run('cofacilitator:invite', label ? { label } : {});
          if (result.ok) {
            setLink(result.url);
            setLabel('');
          }
        }}
      >
        <label htmlFor={`${id}-label`} className="visually-hidden">
          {t('f.staff.label')}
        </label>
        <input
          id={`${id}-label`}
          className="input input--small"
          value={label}
          placeholder={t('f.staff.label')}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={Limits.rapporteurLabelChars}
        />
        <button type="submit" className="btn btn--secondary btn--small" data-testid="invite-cofacilitator">
          {t('f.staff.invite')}
        </button>
      </form>
      {link && (
        <div className="stack stack--xs">
          <label htmlFor={`${id}-link`}>{t('f.staff.link')}</label>
          <input id={`${id}-link`} className="input" readOnly value={link} data-testid="cofacilitator-link" onFocus={(e) => e.target.select()} />
          <p className="muted">{t('f.staff.once')}</p>
        </div>
      )}
      {view.cofacilitators.length > 0 && (
        <ul className="people">
          {view.cofacilitators.map((c) => (
            <li key={c.id} className="person">
              <div className="person__line person__line--staff">
                <span className="person__name">{c.label}</span>
                {c.revoked ? (
                  <span className="badge">{t('f.staff.revoked')}</span>
                ) : (
                  <ConfirmButton
                    confirm={t('f.staff.revokeConfirm', { label: c.label })}
                    onConfirm={() => void act(c.id, () => run('cofacilitator:revoke', { cofacilitatorId: c.id }), t('f.staff.revokedDone', { label: c.label }))}
                    disabled={busy !== null}
                  >
                    {t('f.staff.revoke')}
                    <span className="visually-hidden"> {c.label}</span>
                  </ConfirmButton>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmButton
        confirm={t('f.staff.rekeyConfirm')}
        onConfirm={async () => {
          const result = await run('facilitator:rekey', {});
          // The new link replaces the old on this browser before the server closes the old connection.
          if (result.ok) facilitatedSessions.update(sessionId, { token: result.token });
          if (result.ok) location.reload();
        }}
      >
        {t('f.staff.rekey')}
      </ConfirmButton>
    </section>
  );
}
