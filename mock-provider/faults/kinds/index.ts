import type { FaultKind } from '../types.js';
import { API_KINDS } from './api/index.js';
import { CLOCK_KINDS } from './clock/index.js';
import { CONTROL_KINDS } from './controls/index.js';
import { CREDENTIAL_KINDS } from './credentials/index.js';
import { ENDPOINT_KINDS } from './endpoints/index.js';
import { GRANT_KINDS } from './grants/index.js';
import { KEY_KINDS } from './keys/index.js';
import { NETWORK_KINDS } from './network/index.js';
import { OAUTH_FLOW_KINDS } from './oauth-flow/index.js';
import { PERMISSION_KINDS } from './permissions/index.js';
import { RATE_LIMIT_KINDS } from './rate-limits/index.js';
import { TLS_KINDS } from './tls/index.js';
import { TOKEN_KINDS } from './tokens/index.js';

/** Every fault kind, grouped by folder; the registry (../registry.ts) is built from this list. */
export const ALL_KINDS: readonly FaultKind<any>[] = [
  ...TOKEN_KINDS,
  ...CONTROL_KINDS,
  ...KEY_KINDS,
  ...ENDPOINT_KINDS,
  ...GRANT_KINDS,
  ...CREDENTIAL_KINDS,
  ...OAUTH_FLOW_KINDS,
  ...RATE_LIMIT_KINDS,
  ...NETWORK_KINDS,
  ...CLOCK_KINDS,
  ...PERMISSION_KINDS,
  ...TLS_KINDS,
  ...API_KINDS,
];
