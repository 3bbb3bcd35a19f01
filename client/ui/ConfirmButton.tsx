import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.ts';

/** A destructive action asks once more, in place, instead of a browser dialog. */
export function ConfirmButton({
  children,
  confirm,
  onConfirm,
  className = 'btn btn--ghost btn--small',
  disabled,
}: {
  children: ReactNode;
  confirm: string;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className={className} onClick={() => setAsking(true)} disabled={disabled} ref={first}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={confirm}>
      <span className="confirm__q">{confirm}</span>
      <button
        type="button"
        className="btn btn--danger btn--small"
        ref={yes}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('action.confirm')}
      </button>
      <button type="button" className="btn btn--ghost btn--small" onClick={() => setAsking(false)}>
        {t('action.cancel')}
      </button>
    </span>
  );
}
