import { apiKeyRevoked } from './api-key-revoked.js';
import { apiKeyWrongEnvironment } from './api-key-wrong-environment.js';
import { clientInvalid } from './client-invalid.js';
import { clientUnauthorized } from './client-unauthorized.js';
import { grantUnsupported } from './grant-unsupported.js';

/** Credential faults: the client or an API key is refused (token endpoint, mock API). */
export const CREDENTIAL_KINDS = [
  clientInvalid,
  clientUnauthorized,
  grantUnsupported,
  apiKeyRevoked,
  apiKeyWrongEnvironment,
] as const;
