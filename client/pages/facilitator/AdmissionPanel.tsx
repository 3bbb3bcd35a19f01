import { useId } from 'react';
import type { ParticipantRow } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { waitingToJoin } from '../../state/facilitatorSelectors.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

/**
 * Who gets in: the session's admission (everyone at once, or through the lobby), the lock that
 * stops joins altogether, and the people asking to join, each let in or turned away with a click.
 */
export function AdmissionPanel() {
  const t = useT();
  const id = useId();
  const view = useFacilitator((s) => s.view)!;
  const { busy, act } = useAction();
  const asking = waitingToJoin(view);
  const { admission, locked } = view.admission;
  return (
    <section className="card stack stack--sm" aria-labelledby={`${id}-title`} data-testid="admission">
      <h2 id={`${id}-title`} className="section-title">
        {t('f.admission.title')} {asking.length > 0 && <span className="count">{asking.length}</span>}
      </h2>
      <label className="check">
        <input
          type="checkbox"
          checked={admission === 'lobby'}
          disabled={busy !== null}
          onChange={(e) => void act('admission', () => run('session:admission', { admission: e.target.checked ? 'lobby' : 'open' }), t('f.admission.saved'))}
        />
        {t('f.admission.byHand')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={locked}
          disabled={busy !== null}
          onChange={(e) =>
            void act('lock', () => run('session:lock', { locked: e.target.checked }), e.target.checked ? t('f.admission.locked') : t('f.admission.unlocked'))
          }
        />
        {t('f.admission.lock')}
      </label>
      {asking.length > 0 && (
        <>
          <ul className="people" aria-label={t('f.admission.asking')}>
            {asking.map((p) => (
              <AskingRow key={p.id} person={p} />
            ))}
          </ul>
          {asking.length > 1 && (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={busy !== null}
              onClick={() => void act('all', () => run('participant:admit', { all: true }), t('f.admission.admittedAll'))}
            >
              {t('f.admission.admitAll', { count: asking.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function AskingRow({ person }: { person: ParticipantRow }) {
  const t = useT();
  const { busy, act } = useAction();
  return (
    <li className="person" data-testid="asking">
      <div className="person__line">
        <span className="person__who">
          <span className="person__name-row">
            <span className="person__name">{person.name}</span>
            {person.fromRemovedDevice && <span className="badge badge--warn">{t('f.admission.removedDevice')}</span>}
          </span>
          <span className="person__group">{person.group}</span>
        </span>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          disabled={busy !== null}
          onClick={() => void act('admit', () => run('participant:admit', { participantId: person.id }), t('f.admission.admitted', { name: person.name }))}
        >
          {t('f.admission.admit')}
          <span className="visually-hidden"> {person.name}</span>
        </button>
        <ConfirmButton
          confirm={t('f.admission.declineConfirm', { name: person.name })}
          onConfirm={() =>
            void act('decline', () => run('participant:decline', { participantId: person.id }), t('f.admission.declined', { name: person.name }))
          }
          disabled={busy !== null}
        >
          {t('f.admission.decline')}
          <span className="visually-hidden"> {person.name}</span>
        </ConfirmButton>
      </div>
    </li>
  );
}
