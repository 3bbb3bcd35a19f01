import type { SessionState, TableId } from '../../shared/domain/state.ts';
import { sameSecret } from '../security/tokens.ts';

/**
 * Which table a device token opens, from its hash: the table whose current link it is. A replaced
 * link matches nothing. Compared in constant time, like every other credential.
 */
export function deviceOf(state: SessionState, tokenHash: string): { tableId: TableId; deviceId: string } | null {
  for (const [tableId, device] of state.devices) {
    if (sameSecret(tokenHash, device.tokenHash)) return { tableId, deviceId: device.deviceId };
  }
  return null;
}
