/**
 * Socket.IO rooms. An event is sent to the smallest set of rooms that must see it:
 * a note goes to its table's room and the facilitators, never to the whole session.
 */
export const rooms = {
  session: (sid: string) => `s:${sid}`,
  facilitators: (sid: string) => `s:${sid}:f`,
  rapporteurs: (sid: string) => `s:${sid}:r`,
  displays: (sid: string) => `s:${sid}:d`,
  table: (sid: string, tid: string) => `s:${sid}:t:${tid}`,
  /** Every socket of one participant (a phone and a laptop, or two tabs). */
  participant: (pid: string) => `p:${pid}`,
  /** Every socket of one co-facilitator's credential, so revoking it can close them. */
  cofacilitator: (sid: string, cid: string) => `s:${sid}:c:${cid}`,
  /** Every socket opened with the creator's key, so replacing the key can close them. */
  creator: (sid: string) => `s:${sid}:f:creator`,
  /** Every socket of one rapporteur link, so revoking it can close them. */
  rapporteur: (sid: string, rid: string) => `s:${sid}:r:${rid}`,
  /**
   * The connections of one device link, so replacing the link closes them. By link, not by table:
   * with several processes, the new device may connect before another process hears of the old one.
   */
  device: (sid: string, deviceId: string) => `s:${sid}:dev:${deviceId}`,
  /** The connections in a table's audio call (remote members and the table's device). */
  call: (sid: string, tid: string) => `s:${sid}:a:${tid}`,
};
