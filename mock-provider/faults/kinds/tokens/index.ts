import type { FaultKind } from '../../types.js';
import { tokenExpired } from './token-expired.js';

/** Token faults: what the client receives from the token endpoint is wrong in one precise way. */
export const TOKEN_KINDS: readonly FaultKind<any>[] = [tokenExpired];
