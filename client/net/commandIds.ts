import { nanoid } from 'nanoid';
import type { Result } from '../../shared/protocol/errors.ts';

/**
 * Command ids for actions that would otherwise happen twice (an extension, a broadcast, a join). One
 * intended action keeps one id until the server answers it: when the answer is lost (a timeout,
 * the connection gone), clicking again resends the same id, and the server answers "done" instead
 * of extending or broadcasting a second time. Any answer, yes or no, ends the action.
 */
const pending = new Map<string, string>();

export async function once<R extends Result<object>>(action: string, send: (commandId: string) => Promise<R>): Promise<R> {
  const commandId = pending.get(action) ?? nanoid();
  pending.set(action, commandId);
  const result = await send(commandId);
  if (result.ok || result.error !== 'unavailable') pending.delete(action);
  return result;
}
