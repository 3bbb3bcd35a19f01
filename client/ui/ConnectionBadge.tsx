import { useT } from '../i18n/i18n.ts';
import { useConnection } from '../state/connection.ts';

/** Always visible: people on venue Wi-Fi need to know whether what they do reaches the room. */
export function ConnectionBadge({ waiting = 0, keepsNotes = false }: { waiting?: number; keepsNotes?: boolean }) {
  const t = useT();
  const status = useConnection((s) => s.status);
  const label =
    status === 'connected'
      ? t('conn.connected')
      : status === 'offline'
        ? t('conn.offline')
        : status === 'refused' || status === 'ended'
          ? t('conn.stopped')
          : status === 'connecting'
            ? t('conn.connecting')
            : t('conn.reconnecting');
  return (
    <p className={`conn conn--${status}`} role="status" data-testid="connection" data-status={status}>
      <span className="conn__dot" aria-hidden="true" />
      <span>{label}</span>
      {waiting > 0 && <span className="conn__waiting">{t('conn.waiting', { count: waiting })}</span>}
      {keepsNotes && status === 'offline' && <span className="conn__hint">{t('conn.keptOnDevice')}</span>}
    </p>
  );
}
