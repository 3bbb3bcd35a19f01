/**
 * Test processes run with Object.prototype frozen, as the server does (server/security/tripwire.ts),
 * so code under test that writes to it fails here first. Test tools load before the freeze:
 * playwright-core's bundled source-map assigns `toString` on its own prototypes, which a frozen
 * Object.prototype forbids in strict mode (the "override mistake"); it is a tool of the tests,
 * not part of the server.
 */
await import('playwright-core');
await import('../../server/security/tripwire.ts');
export {};
