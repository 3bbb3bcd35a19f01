import { useT } from '../../../i18n/i18n.ts';
import { useFacilitator } from '../../../state/facilitator.ts';

/** Who the note pace held back in the last minute, as counts the server made so they name nobody. */
export function PaceBanner({ tables }: { tables: ReadonlyMap<string, string> }) {
  const t = useT();
  const pace = useFacilitator((s) => s.pace);
  if (!pace) return null;
  return (
    <div className="mod__pace" role="status" data-testid="mod-pace">
      <p>
        <strong>{t('m.pace')}</strong> {pace.tables.map((x) => t('m.paceTable', { table: tables.get(x.tableId) ?? x.tableId, count: x.people })).join(' · ')}
        {pace.elsewhere > 0 && `${pace.tables.length ? ' · ' : ''}${t('m.paceElsewhere', { count: pace.elsewhere })}`}
      </p>
      <p className="muted">{t('m.paceHelp')}</p>
    </div>
  );
}
