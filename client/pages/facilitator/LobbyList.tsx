import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { lobby } from '../../state/facilitatorSelectors.ts';
import { PersonRow } from './PersonRow.tsx';

/** People who joined and wait for a seat. */
export function LobbyList() {
  const t = useT();
  const view = useFacilitator((s) => s.view)!;
  const waiting = lobby(view);
  return (
    <section className="card stack stack--sm" aria-labelledby="lobby-title" data-testid="lobby">
      <h2 id="lobby-title" className="section-title">
        {t('f.lobby')} <span className="count">{waiting.length}</span>
      </h2>
      {waiting.length === 0 ? (
        <p className="muted">{t('f.lobbyEmpty')}</p>
      ) : (
        <ul className="people">
          {waiting.map((p) => (
            <PersonRow key={p.id} person={p} tableId={null} isHost={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
