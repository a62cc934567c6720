import type { FaultKind } from '../../types.js';
import { discoveryIssuerMismatch } from './discovery-issuer-mismatch.js';
import { userinfoSubMismatch } from './userinfo-sub-mismatch.js';

/** Faults in what discovery and userinfo say. */
export const ENDPOINT_KINDS: readonly FaultKind<any>[] = [userinfoSubMismatch, discoveryIssuerMismatch];
