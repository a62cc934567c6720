import { rateLimit } from './rate-limit.js';

/** Rate limits: 429 with Retry-After. */
export const RATE_LIMIT_KINDS = [
  rateLimit,
] as const;
