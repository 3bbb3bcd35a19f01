import type { BroadcastView } from '../../shared/protocol/views.ts';
import { useT } from '../i18n/i18n.ts';
import { useLiveBroadcast } from './liveBroadcast.ts';

/**
 * The facilitator's message to every table, until the reader closes it or its time is up. It
 * sticks to the top of the screen: people read it wherever they had scrolled to write.
 */
export function BroadcastBanner({ broadcast, onDismiss }: { broadcast: BroadcastView | null; onDismiss?: () => void }) {
  const t = useT();
  const live = useLiveBroadcast(broadcast);
  if (!live) return null;
  return (
    <div className="banner banner--notice" role="status" data-testid="broadcast">
      <p className="banner__text">
        <span className="banner__label">{t('broadcast.from')}</span> {live.text}
      </p>
      {onDismiss && (
        <button type="button" className="btn btn--ghost btn--small" onClick={onDismiss}>
          {t('action.dismiss')}
        </button>
      )}
    </div>
  );
}
