/**
 * Test processes run with Object.prototype sealed, as the server does (server/security/tripwire.ts),
 * so code under test that adds to it fails here first.
 */
import '../../server/security/tripwire.ts';
