import { apiForbidden } from './api-forbidden.js';
import { apiInsufficientScope } from './api-insufficient-scope.js';
import { scopeDenied } from './scope-denied.js';
import { scopeDowngraded } from './scope-downgraded.js';
import { userinfoInsufficientScope } from './userinfo-insufficient-scope.js';

/** Permission faults: what was granted or denied — access_denied, narrowed scopes, 403 insufficient_scope, a missing role. */
export const PERMISSION_KINDS = [
  scopeDenied,
  scopeDowngraded,
  userinfoInsufficientScope,
  apiInsufficientScope,
  apiForbidden,
] as const;
