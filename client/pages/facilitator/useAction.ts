import { useCallback, useState } from 'react';
import type { Result } from '../../../shared/protocol/errors.ts';
import { report } from '../../ui/toast.tsx';

/**
 * Runs one facilitator action at a time per control: the button shows it is busy, and the
 * outcome (done, or the server's reason) appears as a toast.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const act = useCallback(async (key: string, action: () => Promise<Result<object>>, success: string) => {
    setBusy(key);
    try {
      return report(await action(), success);
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, act };
}
