import { httpError } from './http-error.js';
import { networkEmptyResponse } from './network-empty-response.js';
import { networkHang } from './network-hang.js';
import { networkLatency } from './network-latency.js';
import { networkMalformedBody } from './network-malformed-body.js';
import { networkReset } from './network-reset.js';
import { networkSlowBody } from './network-slow-body.js';

/** Network faults at any injection point: latency, hangs, resets, broken bodies, HTTP errors. */
export const NETWORK_KINDS = [
  networkLatency,
  networkHang,
  networkReset,
  networkEmptyResponse,
  networkMalformedBody,
  networkSlowBody,
  httpError,
] as const;
