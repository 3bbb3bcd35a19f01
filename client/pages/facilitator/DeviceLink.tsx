import { useId, useState } from 'react';
import { send } from '../../net/commands.ts';
import { useT } from '../../i18n/i18n.ts';
import { useFacilitator } from '../../state/facilitator.ts';
import { readJson, writeJson } from '../../state/storage.ts';
import { Qr } from '../../ui/Qr.tsx';
import { report } from '../../ui/toast.tsx';

/**
 * A table's device link: opened on a laptop at the table (or sent to its host), it carries the
 * room's sound to the remote people there. The server keeps only its hash, so this console keeps
 * the last link it made for each table; a new one replaces it, and the old device stops.
 */
export function DeviceLink({ tableId, tableName }: { tableId: string; tableName: string }) {
  const t = useT();
  const id = useId();
  const sessionId = useFacilitator((s) => s.view?.session.id ?? '');
  const key = `tablehop:device-link:${sessionId}:${tableId}`;
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(() => readJson<string>(key));
  const [busy, setBusy] = useState(false);

  async function issue() {
    setBusy(true);
    try {
      const result = await send('device:link', { tableId });
      if (report(result, t('f.device.done', { table: tableName })) && result.ok) {
        writeJson(key, result.url);
        setLink(result.url);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="device-link">
      <button
        type="button"
        className="btn btn--ghost btn--small"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => {
          setOpen(!open);
          if (!open && !link) void issue();
        }}
        data-testid="device-link-button"
      >
        {t('f.device.button')}
      </button>
      {open && (
        <div id={`${id}-panel`} className="stack stack--xs device-link__panel" role="region" aria-label={t('f.device.title', { table: tableName })}>
          <p className="muted">{t('f.device.body')}</p>
          {link && (
            <>
              <label htmlFor={`${id}-link`}>{t('f.device.title', { table: tableName })}</label>
              <input id={`${id}-link`} className="input" readOnly value={link} data-testid="device-link" onFocus={(e) => e.target.select()} />
              <Qr value={link} label={t('f.device.qr', { table: tableName })} className="device-link__qr" />
            </>
          )}
          <button type="button" className="btn btn--secondary btn--small" disabled={busy} onClick={() => void issue()}>
            {link ? t('f.device.replace') : t('f.device.create')}
          </button>
        </div>
      )}
    </div>
  );
}
