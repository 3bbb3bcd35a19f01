import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { sameCard, type TableCard as Card } from '../../state/facilitatorSelectors.ts';
import { DeviceLink } from './DeviceLink.tsx';
import { MixBar } from './MixBar.tsx';
import { NoteRow } from './NoteRow.tsx';
import { PersonRow } from './PersonRow.tsx';

/** Redrawn only when its own table changed: in a plenary, a note touches one card of 250. */
export const TableCard = memo(
  function TableCard({ card }: { card: Card }) {
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
            {card.noteCount > 0 ? (
              // Only the latest three notes fit on the card; the count opens every one of them.
              <button type="button" className="linkish" data-testid="note-count" onClick={() => useFacilitator.setState({ moderating: table.id })}>
                {t('f.notes', { count: card.noteCount })}
                <span className="visually-hidden"> {table.name}</span>
              </button>
            ) : (
              <span data-testid="note-count">{t('f.notes', { count: card.noteCount })}</span>
            )}
          </p>
        </header>
        <Question text={table.question} />
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
  },
  (before, after) => sameCard(before.card, after.card),
);

/** Three lines keep the cards in step; a longer question opens in full on demand. */
function Question({ text }: { text: string }) {
  const t = useT();
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [clipped, setClipped] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    const measure = () => setClipped(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, open]);
  return (
    <div className="tcard__q">
      <p ref={ref} className={`tcard__question ${open ? 'tcard__question--open' : ''}`} data-testid="table-question">
        {text}
      </p>
      {(clipped || open) && (
        <button type="button" className="linkish tcard__more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('f.questionLess') : t('f.questionMore')}
        </button>
      )}
    </div>
  );
}
