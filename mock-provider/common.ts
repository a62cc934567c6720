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
export type { IssuerHandle, MockProviderHandle, TenantHandle, TenantInfo, Users } from './types.js';
/** What `idp.reconfigure()` takes and reports (a config reload). */
export type { ConfigChange, ListChange, ReconfigureInput } from './config/reconfigure.js';
/** A minted token (`idp.issueToken()`, POST /__authfault/tokens) and what it takes. */
export type { IssuedToken, IssueTokenInput } from './provider/token-request.js';
/** The request journal's entry: one request as the provider saw it. */
export type { JournalEntry } from './control/journal.js';
/** A fault as set, with its counters. */
export type { FaultView } from './faults/store.js';
/** Fault model types: injection points, categories, the envelope as decoded and as written. */
export type { InjectionPoint, Category, When, WhenInput } from './faults/types.js';
/** A fault as written (one member per kind, from the registry: typos do not compile) and as decoded. */
export type { FaultInput, FaultInputOf, FaultKindName, FaultSpec } from './faults/fault-input.js';
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
/** Problems with what a person wrote, and the one way they are put into words. */
export { formatIssue, issuesInOneLine, type FormattableIssue, type Issue, type Path } from './util/issues.js';

// What authfault's own harness and CLI share with the provider. Exported because they live here;
// not a stable API for others.

/** @internal Where a fault applies: `when.endpoint`, else `api` for a route, else the kind's default points. */
export { pointsOf } from './faults/parse.js';
/** @internal The closest allowed value to a typo; zod's issues in a person's words. */
export { didYouMean, distance } from './util/did-you-mean.js';
export { issuesFromZod, keysAt } from './util/zod-issues.js';
export { describeValue, joinOr, typeWords } from './util/describe-value.js';
/** @internal Route patterns of the mock API (`when.route`, journal routes). */
export { ROUTE_PATTERN, ROUTE_PATTERN_HINT, matchesRoute } from './faults/route-pattern.js';
/** @internal Grant types a client may be registered for. */
export { GRANT_TYPES } from './config/schema.js';
/** @internal `provider.tenants` over its defaults, and a tenant's name. */
export { resolveTenancy } from './config/resolve.js';
export type { ResolvedTenancy } from './config/defaults.js';
export { TENANT_NAME } from './tenants/names.js';
/** @internal What is wrong with a redirect URI (RFC 6749 §3.1.2), if anything. */
export { redirectUriProblem } from './config/redirect-uri.js';
/** @internal Whether a host to listen on means every interface (0.0.0.0, ::). */
export { isWildcardHost } from './config/hosts.js';
/** @internal A fresh run seed. */
export { newSeed } from './faults/random.js';
/** @internal Whether a reconfigure changed anything. */
export { changedAnything } from './config/reconfigure.js';
/** @internal Remove what a state folder keeps (authfault idp --fresh). */
export { clearStateFolder, STATE_FILES } from './state/state-folder.js';
