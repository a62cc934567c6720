/**
 * authfault's mock OpenID Provider: a real oidc-provider that misbehaves on request.
 *
 * @example
 * import { createMockProvider } from 'authfault';
 * const idp = await createMockProvider();
 * console.log(idp.issuer); // http://127.0.0.1:PORT/default
 */
export { createMockProvider, type MockProviderHooks, type MockProviderOptions } from './server.js';
/** Everything else: the fault model, registry and decoder, config, errors and types (common.ts, also `authfault/common`). */
export * from './common.js';
