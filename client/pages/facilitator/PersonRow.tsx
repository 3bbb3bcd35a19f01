import { memo, useId, useState } from 'react';
import type { ParticipantRow } from '../../../shared/protocol/views.ts';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { controls, groupColorIndex } from '../../state/facilitatorSelectors.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { report } from '../../ui/toast.tsx';
import { groupColor } from './groupColors.ts';
import { run } from './session.ts';
import { useAction } from './useAction.ts';

/**
 * One person at a table, with what a facilitator may do about them behind a disclosure. A console
 * shows thousands of these in a plenary, so a row re-renders only when its person, its group's
 * colour or what may be done changes, and reads the tables only while its panel is open.
 */
export const PersonRow = memo(function PersonRow({ person, tableId, isHost }: { person: ParticipantRow; tableId: string | null; isHost: boolean }) {
  const t = useT();
  const id = useId();
  const color = useFacilitator((s) => groupColor(groupColorIndex(s.view!, person.group)));
  const canMove = useFacilitator((s) => controls(s.view!).move);
  const [open, setOpen] = useState(false);

  return (
    <li className="person" data-testid="person" data-participant-id={person.id}>
      <div className="person__line">
        <span className="person__dot" style={{ background: color }} aria-hidden="true" />
        <span className="person__who">
          <span className="person__name-row">
            <span className="person__name">{person.name}</span>
            {isHost && <span className="badge badge--host">{t('f.host')}</span>}
            {person.presence === 'remote' && <span className="badge">{t('f.remote')}</span>}
            {person.pinnedTo && <span className="badge">{t('f.pinned')}</span>}
          </span>
          <span className="person__group">{person.group}</span>
        </span>
        <button
          type="button"
          className="btn btn--ghost btn--small person__toggle"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen(!open)}
        >
          {t('f.manage')}
          <span className="visually-hidden"> {person.name}</span>
        </button>
      </div>
      {open && <PersonPanel id={`${id}-panel`} person={person} tableId={tableId} isHost={isHost} canMove={canMove} onDone={() => setOpen(false)} />}
    </li>
  );
});

function PersonPanel({
  id,
  person,
  tableId,
  isHost,
  canMove,
  onDone,
}: {
  id: string;
  person: ParticipantRow;
  tableId: string | null;
  isHost: boolean;
  canMove: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const tables = useFacilitator((s) => s.view!.tables);
  const [target, setTarget] = useState('');
  const { busy, act } = useAction();
  const others = tables.filter((x) => x.id !== tableId);

  // The server's warning when the move would leave a table of one or two: shown here, then confirmed.
  const [risk, setRisk] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const move = async (smallTable?: true) => {
    if (!target) return;
    const name = tables.find((x) => x.id === target)?.name ?? '';
    setMoving(true);
    try {
      const result = await run('participant:move', { participantId: person.id, tableId: target, ...(smallTable ? { smallTable } : {}) });
      if (!result.ok && result.error === 'conflict' && !smallTable) return setRisk(result.message);
      setRisk(null);
      if (report(result, t('f.done.moved', { name: person.name, table: name }))) onDone();
    } finally {
      setMoving(false);
    }
  };

  return (
    <div id={id} className="person__panel">
      {canMove && (
        <div className="row row--wrap">
          <label htmlFor={`${id}-to`} className="visually-hidden">
            {t('f.moveTo', { name: person.name })}
          </label>
          <select id={`${id}-to`} className="input input--small" value={target} onChange={(e) => (setTarget(e.target.value), setRisk(null))}>
            <option value="">{t('f.chooseTable')}</option>
            {others.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--secondary btn--small" disabled={!target || busy !== null || moving} onClick={() => void move()}>
            {t('f.move')}
          </button>
        </div>
      )}
      {risk && (
        <div className="person__risk" role="alert">
          <p>{risk}</p>
          <div className="row row--wrap">
            <button type="button" className="btn btn--danger btn--small" disabled={busy !== null || moving} onClick={() => void move(true)}>
              {t('f.moveAnyway')}
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setRisk(null)}>
              {t('action.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="row row--wrap">
        {tableId && canMove && !isHost && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={busy !== null}
            onClick={() => void act('host', () => run('host:assign', { tableId, participantId: person.id }), t('f.done.host', { name: person.name }))}
          >
            {t('f.makeHost')}
          </button>
        )}
        {tableId && canMove && isHost && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            disabled={busy !== null}
            onClick={() => void act('unhost', () => run('host:assign', { tableId, participantId: null }), t('f.done.unhost', { name: person.name }))}
          >
            {t('f.unhost')}
          </button>
        )}
        <ConfirmButton
          className="btn btn--ghost btn--small btn--danger-text"
          confirm={t('f.removeConfirm', { name: person.name })}
          onConfirm={() => void act('remove', () => run('participant:remove', { participantId: person.id }), t('f.done.removed', { name: person.name }))}
          disabled={busy !== null}
        >
          {t('f.remove')}
        </ConfirmButton>
      </div>
    </div>
  );
}
