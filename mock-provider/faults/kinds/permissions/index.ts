import type { FaultKind } from '../../types.js';
import { userinfoInsufficientScope } from './userinfo-insufficient-scope.js';

/** Permission faults: 403 insufficient_scope and friends. */
export const PERMISSION_KINDS: readonly FaultKind<any>[] = [userinfoInsufficientScope];
