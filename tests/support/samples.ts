import type { InputOf, SocketCommandName } from '../../shared/commands/index.ts';
import { cid } from './ids.ts';

/** The ids of a scene that the sample payloads point at (tests/integration/permissions.test.ts). */
export interface SceneIds {
  /** The table under test, t1, and the other one. */
  table: string;
  otherTable: string;
  /** A note the host of t1 wrote there in round 1. */
  note: string;
  /** Someone seated, whom commands about a person name. */
  participant: string;
  rapporteur: string;
  cofacilitator: string;
}

/**
 * One well-formed payload per command a socket can send: what a client of the right role would
 * send, aimed at the scene. The type makes sure a new command gets a sample here.
 */
export const samples: { [K in SocketCommandName]: (s: SceneIds) => InputOf<K> } = {
  'broadcast:send': () => ({ text: 'Ten minutes left in this round', commandId: cid('matrix-broadcast') }),
  'clock:ping': () => ({ t0: 1 }),
  'cofacilitator:invite': () => ({ label: 'Second facilitator' }),
  'cofacilitator:revoke': (s) => ({ cofacilitatorId: s.cofacilitator }),
  'facilitator:rekey': () => ({}),
  'finding:keep': () => ({ key: `f${'0'.repeat(22)}`, reason: 'not-a-participant' }),
  'finding:redact': () => ({ key: `f${'0'.repeat(22)}` }),
  'harvest:open': () => ({}),
  'host:assign': (s) => ({ tableId: s.otherTable, participantId: s.participant }),
  'note:add': (s) => ({ id: cid('matrix-note'), tableId: s.table, round: 1, text: 'Identity should stay optional for public services' }),
  'note:delete': (s) => ({ id: s.note }),
  'note:edit': (s) => ({ id: s.note, text: 'Rewritten by someone else' }),
  'note:hide': (s) => ({ id: s.note, hidden: true }),
  'note:flag': (s) => ({ id: s.note }),
  'note:release': (s) => ({ ids: [s.note] }),
  'author:mute': (s) => ({ id: s.note }),
  'wordlist:set': () => ({ on: true }),
  'note:setAside': (s) => ({ noteId: s.note, reason: 'off-topic' }),
  'note:sort': (s) => ({ noteId: s.note, themeId: cid('matrix-theme') }),
  'participant:admit': () => ({ all: true }),
  'participant:decline': (s) => ({ participantId: s.participant }),
  'participant:leave': () => ({}),
  'participant:move': (s) => ({ participantId: s.participant, tableId: s.otherTable }),
  'participant:remove': (s) => ({ participantId: s.participant }),
  'quote:edit': (s) => ({ noteId: s.note, text: 'A participant said identity should stay optional' }),
  'rapporteur:invite': () => ({ label: 'Policy team' }),
  'rapporteur:revoke': (s) => ({ rapporteurId: s.rapporteur }),
  'readout:mine': () => ({}),
  'readout:publish': () => ({}),
  'round:end': () => ({ round: 1 }),
  'round:start': () => ({ round: 2 }),
  'seating:accept': () => ({ attempt: 0, version: 1 }),
  'seating:assign': () => ({}),
  'seating:preview': () => ({}),
  'session:admission': () => ({ admission: 'open' }),
  'session:close': () => ({}),
  'session:lock': () => ({ locked: true }),
  'session:sync': () => ({}),
  'summary:write': (s) => ({ tableId: s.table, round: 1, text: 'We agreed identity should stay optional.' }),
  'synthesis:write': () => ({ question: 'q1', text: 'Identity should stay optional.' }),
  'theme:create': () => ({ id: cid('matrix-theme'), question: 'q1', name: 'Optional identity' }),
  'theme:delete': () => ({ id: cid('matrix-theme') }),
  'theme:mark': () => ({ id: cid('matrix-theme'), key: true }),
  'theme:merge': () => ({ id: cid('matrix-theme'), into: cid('matrix-theme-2') }),
  'theme:rename': () => ({ id: cid('matrix-theme'), name: 'Identity, optional' }),
  'theme:unmerge': () => ({ id: cid('matrix-theme') }),
  'themes:merge': () => ({ ids: [cid('matrix-theme')], into: cid('matrix-theme-2') }),
  'themes:suggest': () => ({ question: 'q1' }),
  'notes:sort': (s) => ({ noteIds: [s.note], themeId: cid('matrix-theme') }),
  'notes:setAside': (s) => ({ noteIds: [s.note], reason: 'duplicate' }),
  'quote:choose': (s) => ({ noteId: s.note, chosen: true }),
  'takeaways:write': () => ({ texts: ['Identity should stay optional for public services.'] }),
  'readout:preview': () => ({}),
  'timer:extend': () => ({ minutes: 1, commandId: cid('matrix-extend') }),
  'timer:warning': () => ({ seconds: 120 }),
  'timer:pause': () => ({}),
  'timer:resume': () => ({}),
  'vote:cast': () => ({ themeId: cid('matrix-theme'), dots: 1 }),
  'vote:configure': () => ({ votesPerParticipant: 5 }),
  'device:link': (s) => ({ tableId: s.table }),
  'audio:join': () => ({ as: 'member', trouble: null }),
  'audio:signal': () => ({ to: 'aAAAAAAAAAAAAAAA', description: { type: 'offer', sdp: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\n' } }),
  'audio:state': () => ({ muted: true }),
  'audio:leave': () => ({}),
  'audio:roster': () => ({}),
  'audio:ice': () => ({}),
};
