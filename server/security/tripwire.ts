/**
 * Freezes Object.prototype before anything else runs, as a tripwire. The state keeps id-keyed
 * collections in Maps and every id is checked at the boundary, so nothing should ever write to
 * the prototype; if something does (a new plain-object lookup with a client's string), the write
 * throws in strict code instead of silently changing every object in the process, which once let
 * one command stop every session on a server for good.
 */
Object.freeze(Object.prototype);

export const prototypeFrozen = Object.isFrozen(Object.prototype);
