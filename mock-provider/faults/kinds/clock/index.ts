import { clockSkew } from './clock-skew.js';
import { tokenIatFuture } from './token-iat-future.js';
import { tokenNbfFuture } from './token-nbf-future.js';

/** Clock faults: the provider's clock is off, or a token's times lie in the future. */
export const CLOCK_KINDS = [
  clockSkew,
  tokenIatFuture,
  tokenNbfFuture,
] as const;
