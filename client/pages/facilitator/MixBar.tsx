import { useT } from '../../i18n/i18n.ts';
import type { TableCard } from '../../state/facilitatorSelectors.ts';
import { groupColor } from './groupColors.ts';

/** The stakeholder mix of one table as a thin bar, with the numbers for screen readers. */
export function MixBar({ mix, total }: { mix: TableCard['mix']; total: number }) {
  const t = useT();
  const text = mix.map((m) => `${m.group} ${m.count}`).join(', ');
  return (
    <div className="mix" role="img" aria-label={total ? t('f.mix', { mix: text }) : t('f.mixEmpty')}>
      {mix.map((m) => (
        <span key={m.group} className="mix__seg" style={{ flexGrow: m.count, background: groupColor(m.index) }} title={`${m.group}: ${m.count}`} />
      ))}
    </div>
  );
}
