import { useCallback, useState } from 'react';
import type { Result } from '../../../shared/protocol/errors.ts';
import { report } from '../../ui/toast.tsx';

/**
 * Runs one facilitator action at a time per control: the button shows it is busy, and the
 * outcome (done, or the server's reason) appears as a toast.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const act = useCallback(async (key: string, action: () => Promise<Result<object>>, success: string | ((reply: Record<string, unknown>) => string)) => {
    setBusy(key);
    try {
      const result = await action();
      // A success text may depend on the reply (how many a bulk act changed, which it skipped).
      return report(result, typeof success === 'string' ? success : result.ok ? success(result) : '');
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, act };
}
