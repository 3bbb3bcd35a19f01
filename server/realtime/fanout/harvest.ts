import { paths } from '../../../shared/protocol/paths.ts';
import { dotsLeft, myDots } from '../../views/harvest.ts';
import { rooms } from '../rooms.ts';
import type { FactHandlers } from './batch.ts';

/** The harvest: staff see it whole; participants see theme names to vote on and their own dots. */
export const harvestFacts: FactHandlers<
  | 'theme:created'
  | 'theme:renamed'
  | 'theme:marked'
  | 'theme:merged'
  | 'theme:deleted'
  | 'note:sorted'
  | 'note:sidelined'
  | 'notes:sorted'
  | 'notes:sidelined'
  | 'theme:unmerged'
  | 'quote:chosen'
  | 'theme:synthesised'
  | 'takeaways:written'
  | 'quote:edited'
  | 'synthesis:written'
  | 'vote:configured'
  | 'vote:recorded'
  | 'finding:kept'
  | 'finding:redacted'
  | 'readout:published'
> = {
  // Theme names reach the ballot and the room display.
  'theme:created': (batch) => void (batch.harvest = batch.ballot = batch.displays = true),
  'theme:renamed': (batch) => void (batch.harvest = batch.ballot = batch.displays = true),
  'theme:marked': (batch) => void (batch.harvest = true),
  // Dots on a merged theme now count for the theme it went into; dots on a deleted one are given back.
  'theme:merged': (batch) => void (batch.harvest = batch.ballot = batch.voters = batch.displays = true),
  'theme:unmerged': (batch) => void (batch.harvest = batch.ballot = batch.voters = batch.displays = true),
  'theme:deleted': (batch) => void (batch.harvest = batch.ballot = batch.voters = batch.displays = true),
  'note:sorted': (batch) => void (batch.harvest = true),
  'note:sidelined': (batch) => void (batch.harvest = true),
  'notes:sorted': (batch) => void (batch.harvest = true),
  'notes:sidelined': (batch) => void (batch.harvest = true),
  'quote:chosen': (batch) => void (batch.harvest = true),
  'theme:synthesised': (batch) => void (batch.harvest = true),
  'takeaways:written': (batch) => void (batch.harvest = true),
  'quote:edited': (batch) => void (batch.harvest = true),
  'synthesis:written': (batch) => void (batch.harvest = true),
  'vote:configured': (batch) => void (batch.harvest = batch.ballot = batch.displays = true),
  'vote:recorded'(batch, e) {
    // The tallies only, to the staff and (throttled) to the room: the board is not rebuilt for a dot.
    batch.votes = batch.displays = true;
    // A voter hears about their own dots only; the tally goes to the staff.
    batch.io
      .to(rooms.participant(e.participantId))
      .emit('ballot:mine', { dots: myDots(batch.state, e.participantId), dotsLeft: dotsLeft(batch.state, e.participantId) });
  },
  'finding:kept': (batch) => void (batch.harvest = true),
  'finding:redacted': (batch) => void (batch.harvest = batch.ballot = batch.displays = true),
  'readout:published'(batch, e) {
    // Voting closes: the ballot says so; the room display swaps the vote for the readout's code.
    batch.harvest = batch.ballot = batch.displays = true;
    batch.io.to(rooms.session(batch.sid)).emit('readout:published', { readoutId: e.readoutId, version: e.version, url: paths.readout(e.readoutId) });
  },
};
