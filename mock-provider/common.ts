/**
 * authfault's mock provider without its server: the fault model and registry, the decoder, the
 * config schema and defaults, errors and types. Loads zod and jose, never express or
 * oidc-provider, so validators, editors and the harness's scenario loader start in milliseconds.
 * The main entry (`authfault`) exports all of this too, with createMockProvider.
 *
 * @example
 * import { parseFault } from 'authfault/common';
 * parseFault({ kind: 'token.expird' }); // { ok: false, issues: [{ …, suggestion: 'token.expired' }] }
 */

/** The provider's handles and what they report. */
export type { IssuerHandle, ListeningProvider, MockProviderHandle, TenantHandle, TenantInfo, Users } from './types.js';
/** What `idp.reconfigure()` takes and reports (a config reload). */
export type { ConfigChange, ListChange, ReconfigureInput } from './config/reconfigure.js';
/** A minted token (`idp.issueToken()`, POST /__authfault/tokens) and what it takes. */
export type { IssuedToken, IssueTokenInput } from './provider/token-request.js';
/** The request journal's entry: one request as the provider saw it. */
export type { JournalEntry } from './control/journal.js';
/** A fault as set, with its counters. */
export type { FaultView } from './faults/store.js';
/** Errors, issues, defaults, injection points and small checks: the part that loads no package (basics.ts). */
export * from './basics.js';
/** Fault model types: injection points, categories, the envelope as decoded and as written. */
export type { InjectionPoint, Category, When, WhenInput } from './faults/types.js';
/** A fault as written (one member per kind, from the registry: typos do not compile) and as decoded. */
export type { FaultInput, FaultInputOf, FaultKindName, FaultSpec } from './faults/fault-input.js';
/** The fault registry, for tools that list or document kinds. */
export { listKinds, getKind, kindNames, describeKinds, faultSchemaForEditors } from './faults/registry.js';
/** Decode a fault without setting it (editors, validators). */
export { parseFault, type FaultIssue } from './faults/parse.js';
/** Provider config: schema and types. */
export { providerConfigSchema, type ProviderConfig, type ClientConfig, type UserConfig } from './config/schema.js';

// What authfault's own harness and CLI share with the provider. Exported because they live here;
// not a stable API for others.

/** @internal Where a fault applies: `when.endpoint`, else `api` for a route, else the kind's default points. */
export { pointsOf } from './faults/points.js';
/** @internal zod's issues in a person's words. */
export { issuesFromZod, keysAt } from './util/zod-issues.js';
/** @internal Grant types a client may be registered for. */
export { GRANT_TYPES } from './config/schema.js';
/** @internal `provider.tenants` over its defaults. */
export { resolveTenancy } from './config/resolve.js';
/** @internal Whether a reconfigure changed anything. */
export { changedAnything } from './config/reconfigure.js';
