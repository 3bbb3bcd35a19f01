import type { BroadcastView } from '../../shared/protocol/views.ts';
import { useT } from '../i18n/i18n.ts';

/** The facilitator's message to every table, until the reader closes it. */
export function BroadcastBanner({ broadcast, onDismiss }: { broadcast: BroadcastView; onDismiss?: () => void }) {
  const t = useT();
  return (
    <div className="banner" role="status" data-testid="broadcast">
      <p className="banner__text">
        <span className="banner__label">{t('broadcast.from')}</span> {broadcast.text}
      </p>
      {onDismiss && (
        <button type="button" className="btn btn--ghost btn--small" onClick={onDismiss}>
          {t('action.dismiss')}
        </button>
      )}
    </div>
  );
}
