import { Agent as HttpPool } from 'node:http';
import { Agent as HttpsPool } from 'node:https';

/** Keep-alive connections to the app and the provider, by scheme. */
export interface Pools {
  http: HttpPool;
  https: HttpsPool;
}

const pools = new Map<boolean, Pools>();

/**
 * The worker's connection pools, shared by its http scenarios (one after another), as Chromium
 * keeps its connections for the browser driver's reused page: a fresh pool per scenario made
 * every scenario open its connections again, a TLS handshake to the provider's front channel
 * among them (both ends of which run in the worker), for no difference a server could observe
 * but the connection itself. Cookies are not connections: each scenario keeps its own jar
 * (transport.ts), and ends its own requests still waiting when it closes.
 *
 * An idle connection is dropped a second before the server's Keep-Alive timeout says it would
 * close it (node's Agent reads the hint), so a scenario does not send its first request on a
 * connection the server is closing.
 */
export function workerPools(ignoreHTTPSErrors: boolean): Pools {
  let found = pools.get(ignoreHTTPSErrors);
  if (!found) {
    found = { http: new HttpPool({ keepAlive: true }), https: new HttpsPool({ keepAlive: true, rejectUnauthorized: !ignoreHTTPSErrors }) };
    pools.set(ignoreHTTPSErrors, found);
  }
  return found;
}
