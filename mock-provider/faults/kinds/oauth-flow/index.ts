import { authorizeError } from './authorize-error.js';
import { discoveryIssuerMismatch } from './discovery-issuer-mismatch.js';
import { issMismatch } from './iss-mismatch.js';
import { issMissing } from './iss-missing.js';
import { redirectMismatch } from './redirect-mismatch.js';
import { scopeInvalid } from './scope-invalid.js';
import { stateMissing } from './state-missing.js';
import { stateTampered } from './state-tampered.js';

/** OAuth flow faults: discovery, the authorization request and response, redirect URIs, state, iss. */
export const OAUTH_FLOW_KINDS = [
  stateTampered,
  stateMissing,
  issMismatch,
  issMissing,
  redirectMismatch,
  authorizeError,
  scopeInvalid,
  discoveryIssuerMismatch,
] as const;
