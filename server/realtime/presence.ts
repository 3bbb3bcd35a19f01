import type { Actor } from '../../shared/commands/spec.ts';
import type { Snapshot } from '../../shared/protocol/views.ts';
import { displaySnapshot } from '../views/display.ts';
import { facilitatorSnapshot } from '../views/facilitator.ts';
import { rapporteurSnapshot } from '../views/harvest.ts';
import { deviceSnapshot } from '../views/device.ts';
import { participantSnapshot } from '../views/participant.ts';
import type { SessionRuntime } from '../sessions/runtime.ts';
import type { AppSocket } from './handshake.ts';
import { rooms } from './rooms.ts';

/** The actor a socket speaks for, from what its handshake proved. */
export function actorOf(socket: Pick<AppSocket, 'data'>): Actor {
  switch (socket.data.role) {
    case 'facilitator':
      return { role: 'facilitator' };
    case 'cofacilitator':
      return { role: 'cofacilitator', cofacilitatorId: socket.data.cofacilitatorId! };
    case 'participant':
      return { role: 'participant', participantId: socket.data.participantId! };
    case 'rapporteur':
      return { role: 'rapporteur', rapporteurId: socket.data.rapporteurId! };
    case 'display':
      return { role: 'display' };
    case 'device':
      return { role: 'device', tableId: socket.data.tableId!, deviceId: socket.data.deviceId! };
  }
}

/** Puts a socket in the rooms its role and seat call for, and takes it out of the others. */
export function enterRooms(socket: AppSocket, runtime: SessionRuntime): void {
  const { sessionId: sid, role, participantId, rapporteurId, cofacilitatorId, deviceId } = socket.data;
  const wanted = [rooms.session(sid)];
  if (role === 'facilitator') wanted.push(rooms.facilitators(sid), rooms.creator(sid));
  if (role === 'cofacilitator') wanted.push(rooms.facilitators(sid), rooms.cofacilitator(sid, cofacilitatorId!));
  // A device is not in its table's room: notes are for the people at the table, not the room's speaker.
  if (role === 'device') wanted.push(rooms.device(sid, deviceId!));
  if (role === 'display') wanted.push(rooms.displays(sid));
  if (role === 'rapporteur') wanted.push(rooms.rapporteurs(sid), rooms.rapporteur(sid, rapporteurId!));
  if (participantId) {
    wanted.push(rooms.participant(participantId));
    const tableId = runtime.state.seats.get(participantId);
    if (tableId) wanted.push(rooms.table(sid, tableId));
  }
  // A resync may follow a move: leave table rooms that no longer apply. A call is left only by the
  // call's own rules (server/realtime/audio.ts), which tell its members.
  if (socket.data.audio) wanted.push(rooms.call(sid, socket.data.audio.tableId));
  // The in-memory adapter answers at once; another adapter's promise has nothing to wait for here.
  for (const room of socket.rooms) if (room !== socket.id && !wanted.includes(room)) void socket.leave(room);
  void socket.join(wanted);
}

export function snapshotFor(socket: AppSocket, runtime: SessionRuntime): Snapshot {
  switch (socket.data.role) {
    case 'facilitator':
    case 'cofacilitator':
      return facilitatorSnapshot(runtime.state, socket.data.role);
    case 'rapporteur':
      return rapporteurSnapshot(runtime.state, socket.data.rapporteurId!);
    case 'display':
      return displaySnapshot(runtime.state);
    case 'participant':
      return participantSnapshot(runtime.state, socket.data.participantId!);
    case 'device':
      return deviceSnapshot(runtime.state, socket.data.tableId!);
  }
}
