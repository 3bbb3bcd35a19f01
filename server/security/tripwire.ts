/**
 * Seals Object.prototype before anything else runs, as a tripwire. The state keeps id-keyed
 * collections in Maps and every id is checked at the boundary, so nothing should ever add to the
 * prototype; if something does (a new plain-object write with a client's string, as when one
 * command once set `status` on it and stopped every session on a server for good), the write
 * throws in strict code instead of silently changing every object in the process.
 *
 * Sealed, not frozen: freezing also makes the built-in members read-only, and then Node's own HTTP
 * parser throws on a request with a header named `constructor` (it copies headers into a plain
 * object), so one anonymous request would stop the server; libraries that assign `toString` on
 * their own prototypes break the same way. A sealed prototype takes no new members and loses none.
 */
Object.seal(Object.prototype);
