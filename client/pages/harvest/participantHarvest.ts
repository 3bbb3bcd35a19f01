import type { ParticipantSnapshot } from '../../../shared/protocol/views.ts';
import { send } from '../../net/commands.ts';
import { applyToHarvest, harvestReducers as r } from '../../state/harvest.ts';
import type { Handlers } from '../../net/socket.ts';

/** The participant's harvest facts, merged into the participant connection's handlers. */
export const participantHarvestHandlers: Handlers = {
  'ballot:changed': (ballot) => applyToHarvest((s) => r.ballot(s, ballot)),
  'ballot:mine': (mine) => applyToHarvest((s) => r.mine(s, mine)),
  'readout:published': (link) => applyToHarvest((s) => r.published(s, link)),
};

export function harvestSnapshot(snap: ParticipantSnapshot): void {
  applyToHarvest((s) => r.snapshot(s, snap));
}

export async function castDots(themeId: string, dots: number) {
  return send('vote:cast', { themeId, dots });
}

export async function loadMyNotes() {
  const result = await send('readout:mine', {});
  if (result.ok) {
    const { ok: _ok, ...mine } = result;
    applyToHarvest((s) => r.myNotes(s, mine));
  }
  return result;
}
