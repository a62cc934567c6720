/**
 * What `authfault idp` and the runner's workers need to start a provider, without the rest of the main entry (index.ts):
 * that re-exports common.ts, whose fault registry loads ~90 files a default start never uses (the
 * provider loads the registry itself once a fault is set). Not a stable API for others.
 */
export { createMockProvider, type MockProviderOptions } from './server.js';
/** `provider.tenants` over its defaults, as the banner shows them. */
export { resolveTenancy } from './config/resolve.js';
export type { ProviderConfig } from './config/schema.js';
