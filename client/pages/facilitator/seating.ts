import { t } from '../../i18n/i18n.ts';
import { useFacilitator, type PreviewUi } from '../../state/facilitator.ts';
import { describeRefusal } from '../../ui/refusal.ts';
import { toast } from '../../ui/toast.tsx';
import { run } from './session.ts';

/** The "Next seating" panel's commands: the preview is a reply, kept in the store as UI state. */

const setPreview = (patch: Partial<PreviewUi>) => useFacilitator.setState((s) => ({ preview: { ...s.preview, ...patch } }));

/**
 * Asks the server for the seating of the remaining rounds. `attempt`: a number for that reshuffle,
 * `'same'` for the one on screen (a refresh), or nothing for the server's default (the accepted
 * plan's, or the first).
 */
export async function loadPreview(options: { attempt?: number | 'same'; detail?: 'next' | 'all'; busy?: 'load' | 'reshuffle' } = {}): Promise<boolean> {
  const current = useFacilitator.getState().preview;
  if (current.busy) return false;
  const detail = options.detail ?? current.detail;
  const attempt = options.attempt === 'same' ? current.data?.attempt : options.attempt;
  setPreview({ busy: options.busy ?? 'load', detail, error: null });
  const result = await run('seating:preview', { ...(attempt === undefined ? {} : { attempt }), detail });
  if (!result.ok) {
    setPreview({ busy: null, error: describeRefusal(result) });
    return false;
  }
  const { ok: _ok, ...data } = result;
  setPreview({ busy: null, data });
  return true;
}

export function reshuffle(): Promise<boolean> {
  const attempt = (useFacilitator.getState().preview.data?.attempt ?? 0) + 1;
  return loadPreview({ attempt, busy: 'reshuffle' });
}

/** Accepts the preview on screen; if the café changed meanwhile, the server says so and the panel looks again. */
export async function acceptPreview(): Promise<boolean> {
  const { data, busy } = useFacilitator.getState().preview;
  if (!data || busy) return false;
  setPreview({ busy: 'accept' });
  const result = await run('seating:accept', { attempt: data.attempt, version: data.version });
  if (result.ok) {
    setPreview({ busy: null, data: { ...data, accepted: true, version: result.version } });
    toast('ok', t('f.plan.done.accepted'));
    return true;
  }
  setPreview({ busy: null });
  toast('error', describeRefusal(result));
  if (result.error === 'conflict') void loadPreview({ attempt: 'same' });
  return false;
}
