import type { FaultKind } from '../../types.js';
import { authorizeError } from './authorize-error.js';
import { issMismatch } from './iss-mismatch.js';
import { issMissing } from './iss-missing.js';
import { redirectMismatch } from './redirect-mismatch.js';
import { scopeDenied } from './scope-denied.js';
import { scopeDowngraded } from './scope-downgraded.js';
import { scopeInvalid } from './scope-invalid.js';
import { stateMissing } from './state-missing.js';
import { stateTampered } from './state-tampered.js';

/**
 * OAuth flow faults: the authorization request and response, redirect URIs, state, iss, scopes.
 * scope.denied and scope.downgraded live here with the other authorization-response faults but
 * carry category `permissions` (the catalog files what was granted or denied there).
 */
export const OAUTH_FLOW_KINDS: readonly FaultKind<any>[] = [
  stateTampered,
  stateMissing,
  issMismatch,
  issMissing,
  redirectMismatch,
  authorizeError,
  scopeInvalid,
  scopeDenied,
  scopeDowngraded,
];
