import type { FaultKind } from '../../types.js';
import { stateTampered } from './state-tampered.js';

/** OAuth flow faults: the authorization request and response, redirect URIs, state, iss, scopes. */
export const OAUTH_FLOW_KINDS: readonly FaultKind<any>[] = [stateTampered];
