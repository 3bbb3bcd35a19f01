import { dotsLeftOf } from '../../shared/harvest/votes.ts';
import { create } from 'zustand';
import type { BallotView, MyNotesView, ParticipantSnapshot } from '../../shared/protocol/views.ts';

/**
 * A participant's side of the harvest: the themes to vote on (names only), their own dots, the
 * readout's link and, once asked for, what became of their own notes. Nobody else's anything.
 */
export interface ParticipantHarvest {
  ballot: BallotView | null;
  myDots: Record<string, number>;
  readoutUrl: string | null;
  mine: MyNotesView | null;
}

export const useParticipantHarvest = create<ParticipantHarvest>(() => ({ ballot: null, myDots: {}, readoutUrl: null, mine: null }));

export const harvestReducers = {
  snapshot: (s: ParticipantHarvest, snap: ParticipantSnapshot): ParticipantHarvest => ({
    ...s,
    ballot: snap.ballot ?? null,
    myDots: snap.myDots ?? {},
    readoutUrl: snap.readoutUrl ?? null,
  }),
  ballot: (s: ParticipantHarvest, ballot: BallotView): ParticipantHarvest => ({ ...s, ballot }),
  mine: (s: ParticipantHarvest, mine: { dots: Record<string, number> }): ParticipantHarvest => ({ ...s, myDots: mine.dots }),
  published: (s: ParticipantHarvest, link: { url: string }): ParticipantHarvest => ({ ...s, readoutUrl: link.url, mine: null }),
  myNotes: (s: ParticipantHarvest, mine: MyNotesView): ParticipantHarvest => ({ ...s, mine }),
};

export function dotsLeft(s: ParticipantHarvest): number {
  return dotsLeftOf(s.ballot?.votesPerParticipant ?? 0, s.myDots);
}

export const applyToHarvest = (fn: (s: ParticipantHarvest) => ParticipantHarvest) => useParticipantHarvest.setState(fn(useParticipantHarvest.getState()), true);
