import type { FaultKind } from '../../types.js';
import { codeInvalidGrant } from './code-invalid-grant.js';
import { refreshInvalidGrant } from './refresh-invalid-grant.js';

/** Grant faults: codes and refresh tokens refused with invalid_grant. */
export const GRANT_KINDS: readonly FaultKind<any>[] = [codeInvalidGrant, refreshInvalidGrant];
