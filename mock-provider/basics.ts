/**
 * The part of the provider's light entry (common.ts) that loads no package at all: errors, the one
 * way issues are put into words, the defaults and small checks. authfault's own CLI starts from
 * here — `authfault run` spawns Playwright's runner first and `authfault idp` starts its server
 * without the fault registry, so neither waits for zod and the ~90 files of the fault kinds to load
 * before it does its work. common.ts exports all of this too.
 */

/** Fault model types: injection points, categories. */
export { INJECTION_POINTS, CATEGORIES } from './faults/types.js';
export { DEFAULTS } from './config/defaults.js';
/** Errors with stable codes. */
export { AuthfaultError, isAuthfaultError } from './util/errors.js';
/** Problems with what a person wrote, and the one way they are put into words. */
export { formatIssue, issuesInOneLine, type FormattableIssue, type Issue, type Path } from './util/issues.js';

// What authfault's own harness and CLI share with the provider. Exported because they live here;
// not a stable API for others.

/** @internal The closest allowed value to a typo. */
export { didYouMean, distance } from './util/did-you-mean.js';
export { describeValue, joinOr, typeWords } from './util/describe-value.js';
/** @internal Route patterns of the mock API (`when.route`, journal routes). */
export { ROUTE_PATTERN, ROUTE_PATTERN_HINT, matchesRoute } from './faults/route-pattern.js';
export type { ResolvedTenancy } from './config/defaults.js';
export { TENANT_NAME } from './tenants/names.js';
/** @internal What is wrong with a redirect URI (RFC 6749 §3.1.2), if anything. */
export { redirectUriProblem } from './config/redirect-uri.js';
/** @internal Whether a host to listen on means every interface (0.0.0.0, ::). */
export { isWildcardHost } from './config/hosts.js';
/** @internal A fresh run seed. */
export { newSeed } from './faults/random.js';
/** @internal Remove what a state folder keeps (authfault idp --fresh). */
export { clearStateFolder, STATE_FILES } from './state/state-folder.js';
