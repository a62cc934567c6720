/**
 * authfault's mock OpenID Provider: a real oidc-provider that misbehaves on request.
 *
 * @example
 * import { createMockProvider } from 'authfault';
 * const idp = await createMockProvider();
 * console.log(idp.issuer); // http://127.0.0.1:PORT/default
 */
export { createMockProvider, type MockProviderOptions } from './server.js';
export type { MockProviderHandle, Users } from './types.js';
/** A tenant: another issuer in the same process, at `{origin}/{name}` (`idp.tenant(name)`). */
export type { IssuerHandle, TenantHandle, TenantInfo } from './types.js';
/** What `idp.reconfigure()` takes and reports (a config reload). */
export type { ConfigChange, ListChange, ReconfigureInput } from './control/reconfigure.js';
/** The request journal's entry: one request as the provider saw it. */
export type { JournalEntry } from './control/journal.js';
/** A fault as set, with its counters. */
export type { FaultView } from './faults/store.js';
/** Fault model types: injection points, categories, the envelope. */
export type { InjectionPoint, Category, When, FaultSpec } from './faults/types.js';
export { INJECTION_POINTS, CATEGORIES } from './faults/types.js';
/** The fault registry, for tools that list or document kinds. */
export { listKinds, getKind, kindNames, describeKinds, faultSchemaForEditors } from './faults/registry.js';
/** Decode a fault without setting it (editors, validators). */
export { parseFault, type FaultIssue } from './faults/parse.js';
/** Provider config: schema and types. */
export { providerConfigSchema, type ProviderConfig, type ClientConfig, type UserConfig } from './config/schema.js';
export { DEFAULTS } from './config/defaults.js';
/** Errors with stable codes. */
export { AuthfaultError, isAuthfaultError } from './util/errors.js';
