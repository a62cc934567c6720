import type { FaultKind } from '../../types.js';
import { rateLimit } from './rate-limit.js';

/** Rate limits: 429 with Retry-After. */
export const RATE_LIMIT_KINDS: readonly FaultKind<any>[] = [
  rateLimit,
];
