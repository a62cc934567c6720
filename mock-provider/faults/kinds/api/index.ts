import type { FaultKind } from '../../types.js';
import { apiExpiredToken } from './api-expired-token.js';
import { apiForbidden } from './api-forbidden.js';
import { apiInsufficientScope } from './api-insufficient-scope.js';
import { apiInvalidToken } from './api-invalid-token.js';
import { apiKeyRevoked } from './api-key-revoked.js';
import { apiKeyWrongEnvironment } from './api-key-wrong-environment.js';

/** The mock protected API refuses genuine credentials: 401 invalid_token, 403 scope or role, API key revoked or of the other environment. */
export const API_KINDS: readonly FaultKind<any>[] = [apiInvalidToken, apiExpiredToken, apiInsufficientScope, apiForbidden, apiKeyRevoked, apiKeyWrongEnvironment];
