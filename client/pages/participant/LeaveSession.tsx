import { Suspense, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { LeaveConfirm } from './later.ts';
import { leaveSession } from './session.ts';

/** At the foot of the screen, out of the way: leaving asks once more, in place. */
export function LeaveSession() {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (asking) {
    return (
      <Suspense fallback={null}>
        <LeaveConfirm leave={leaveSession} onCancel={() => setAsking(false)} />
      </Suspense>
    );
  }
  return (
    <p className="leave">
      <button type="button" className="btn btn--ghost btn--small btn--danger-text" onClick={() => setAsking(true)}>
        {t('p.leave')}
      </button>
    </p>
  );
}
