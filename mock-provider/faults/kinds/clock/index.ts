import type { FaultKind } from '../../types.js';
import { clockSkew } from './clock-skew.js';

/** Clock faults: the provider's clock is off. */
export const CLOCK_KINDS: readonly FaultKind<any>[] = [clockSkew];
