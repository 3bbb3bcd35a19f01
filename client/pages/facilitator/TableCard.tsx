import { memo } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { sameCard, type TableCard as Card } from '../../state/facilitatorSelectors.ts';
import { DeviceLink } from './DeviceLink.tsx';
import { MixBar } from './MixBar.tsx';
import { NoteRow } from './NoteRow.tsx';
import { PersonRow } from './PersonRow.tsx';

/** Redrawn only when its own table changed: in a plenary, a note touches one card of 250. */
export const TableCard = memo(function TableCard({ card }: { card: Card }) {
  const t = useT();
  const { table, members } = card;
  return (
    <article className="tcard" aria-labelledby={`tcard-${table.id}`} data-testid="table-card" data-table-id={table.id}>
      <header className="tcard__head">
        <h3 id={`tcard-${table.id}`} className="tcard__name">
          {table.name}
        </h3>
        <p className="tcard__counts">
          <span>{t('f.seats', { count: members.length, capacity: table.capacity })}</span>
          <span data-testid="note-count">{t('f.notes', { count: card.noteCount })}</span>
        </p>
      </header>
      <p className="tcard__question">{table.question}</p>
      <MixBar mix={card.mix} total={members.length} />
      {members.length === 0 ? (
        <p className="muted tcard__empty">{t('f.emptyTable')}</p>
      ) : (
        <ul className="people" aria-label={t('f.peopleAt', { table: table.name })}>
          {members.map((p) => (
            <PersonRow key={p.id} person={p} tableId={table.id} isHost={p.id === table.hostId} />
          ))}
        </ul>
      )}
      <div className="tcard__notes">
        <h4 className="eyebrow">{t('f.latest')}</h4>
        {card.latest.length === 0 ? (
          <p className="muted">{t('f.noNotes')}</p>
        ) : (
          <ol className="fnotes" data-testid="latest-notes">
            {card.latest.map((n) => (
              <NoteRow key={n.id} note={n} />
            ))}
          </ol>
        )}
      </div>
      {card.summary && (
        <div className="tcard__summary">
          <h4 className="eyebrow">{t('f.summary')}</h4>
          <p>{card.summary}</p>
        </div>
      )}
      {table.mode !== 'room' && <DeviceLink tableId={table.id} tableName={table.name} />}
    </article>
  );
}, (before, after) => sameCard(before.card, after.card));
