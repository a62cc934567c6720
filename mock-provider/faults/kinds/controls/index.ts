import type { FaultKind } from '../../types.js';
import { refreshNoIdToken } from './refresh-no-id-token.js';
import { tokenAudArray } from './token-aud-array.js';
import { tokenResponseExtraMembers } from './token-response-extra-members.js';
import { tokenResponseMinimal } from './token-response-minimal.js';

/** Positive controls: legal variations a correct client must accept. */
export const CONTROL_KINDS: readonly FaultKind<any>[] = [tokenAudArray, tokenResponseMinimal, tokenResponseExtraMembers, refreshNoIdToken];
