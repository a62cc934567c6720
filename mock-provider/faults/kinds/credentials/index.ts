import type { FaultKind } from '../../types.js';
import { clientInvalid } from './client-invalid.js';
import { clientUnauthorized } from './client-unauthorized.js';
import { grantUnsupported } from './grant-unsupported.js';

/** Client credential faults at the token endpoint. */
export const CREDENTIAL_KINDS: readonly FaultKind<any>[] = [clientInvalid, clientUnauthorized, grantUnsupported];
