import { useId, useState } from 'react';
import { send } from '../../net/commands.ts';
import { useT } from '../../i18n/i18n.ts';
import { Limits } from '../../../shared/protocol/limits.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { report } from '../../ui/toast.tsx';
import './strings.ts';

/**
 * The facilitator's harvest tools: issue a rapporteur link (shown once: only its hash is kept),
 * and set how many dots each participant has to vote with.
 */
export function RapporteurInvite() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [dots, setDots] = useState(3);
  const rapporteurs = useFacilitator((s) => s.view?.rapporteurs ?? []);
  return (
    <div className="rapporteur-invite">
      <button
        type="button"
        className="btn btn--ghost"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
        data-testid="invite-rapporteur"
      >
        {t('h.invite.button')}
      </button>
      {open && (
        <div id={`${id}-panel`} className="card stack stack--sm rapporteur-invite__panel" role="region" aria-label={t('h.invite.title')}>
          <p className="card__title">{t('h.invite.title')}</p>
          <p className="muted">{t('h.invite.body')}</p>
          <form
            className="row row--wrap"
            onSubmit={async (e) => {
              e.preventDefault();
              const result = await send('rapporteur:invite', label ? { label } : {});
              if (report(result, t('h.invite.done')) && result.ok) setLink(result.url);
            }}
          >
            <label htmlFor={`${id}-label`} className="visually-hidden">
              {t('h.invite.label')}
            </label>
            <input
              id={`${id}-label`}
              className="input input--small"
              value={label}
              placeholder={t('h.invite.label')}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={Limits.rapporteurLabelChars}
            />
            <button type="submit" className="btn btn--secondary btn--small">
              {t('h.invite.create')}
            </button>
          </form>
          {link && (
            <div className="stack stack--xs">
              <label htmlFor={`${id}-link`}>{t('h.invite.link')}</label>
              <input id={`${id}-link`} className="input" readOnly value={link} data-testid="rapporteur-link" onFocus={(e) => e.target.select()} />
              <p className="muted">{t('h.invite.once')}</p>
            </div>
          )}
          {rapporteurs.length > 0 && (
            // A link shared too widely, or a rapporteur who left: withdrawn at once, their screen closes.
            <ul className="people" data-testid="rapporteurs">
              {rapporteurs.map((r) => (
                <li key={r.id} className="person">
                  <div className="person__line person__line--staff">
                    <span className="person__name">{r.label}</span>
                    {r.revoked ? (
                      <span className="badge">{t('h.invite.revoked')}</span>
                    ) : (
                      <ConfirmButton
                        confirm={t('h.invite.revokeConfirm', { label: r.label })}
                        onConfirm={async () =>
                          void report(await send('rapporteur:revoke', { rapporteurId: r.id }), t('h.invite.revokedDone', { label: r.label }))
                        }
                      >
                        {t('h.invite.revoke')}
                        <span className="visually-hidden"> {r.label}</span>
                      </ConfirmButton>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <form
            className="row row--wrap"
            onSubmit={async (e) => {
              e.preventDefault();
              report(await send('vote:configure', { votesPerParticipant: dots }), t('h.invite.dotsDone'));
            }}
          >
            <label htmlFor={`${id}-dots`}>{t('h.invite.dots')}</label>
            <input
              id={`${id}-dots`}
              className="input input--small"
              type="number"
              min={1}
              max={20}
              value={dots}
              onChange={(e) => setDots(Number(e.target.value))}
            />
            <button type="submit" className="btn btn--secondary btn--small">
              {t('h.invite.dotsSave')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
