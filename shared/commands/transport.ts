import { z } from 'zod';
import { Phase } from '../domain/enums.ts';
import { read } from './spec.ts';

/**
 * What the connection itself needs, answered by the shell: the clock offset, and a fresh snapshot
 * after a gap. Every role may ask, in every phase, a closed session included.
 */

const ALL = [Phase.lobby, Phase.round, Phase.moving, Phase.harvest, Phase.closed] as const;
const EVERYONE = ['facilitator', 'cofacilitator', 'participant', 'rapporteur', 'display'] as const;

export const transportCommands = {
  'clock:ping': read<{ t0: number; serverNow: number }>()({
    schema: z.strictObject({ t0: z.number().finite() }),
    roles: EVERYONE,
    fromLobby: true,
    phases: ALL,
    audience: ['sender'],
  }),
  'session:sync': read<object>()({
    schema: z.strictObject({}),
    roles: EVERYONE,
    fromLobby: true,
    phases: ALL,
    audience: ['sender'],
  }),
};
