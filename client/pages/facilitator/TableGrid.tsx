import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { tableCards } from '../../state/facilitatorSelectors.ts';
import { groupColor } from './groupColors.ts';
import { TableCard } from './TableCard.tsx';

/** Every table at a glance: who sits where, the mix of perspectives, what is being written. */
export function TableGrid() {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const cards = tableCards(view);
  return (
    <section className="tables stack" aria-labelledby="tables-title">
      <div className="row row--between row--wrap">
        <h2 id="tables-title" className="section-title">
          {t('f.tables', { count: cards.length })}
        </h2>
        <ul className="legend" aria-label={t('f.legend')}>
          {view.stakeholderGroups.map((g, i) => (
            <li key={g}>
              <span className="legend__swatch" style={{ background: groupColor(i) }} aria-hidden="true" />
              {g}
            </li>
          ))}
        </ul>
      </div>
      <div className="table-grid" data-testid="table-grid">
        {cards.map((card) => (
          <TableCard key={card.table.id} card={card} />
        ))}
      </div>
    </section>
  );
}
