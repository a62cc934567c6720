import type { FaultKind } from '../../types.js';
import { jwksKidAbsent } from './jwks-kid-absent.js';
import { jwksRotate } from './jwks-rotate.js';

/** Signing-key faults: JWKS rotation and key selection. */
export const KEY_KINDS: readonly FaultKind<any>[] = [jwksKidAbsent, jwksRotate];
