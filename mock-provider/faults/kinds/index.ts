import { CLOCK_KINDS } from './clock/index.js';
import { CREDENTIAL_KINDS } from './credentials/index.js';
import { NETWORK_KINDS } from './network/index.js';
import { OAUTH_FLOW_KINDS } from './oauth-flow/index.js';
import { PERMISSION_KINDS } from './permissions/index.js';
import { RATE_LIMIT_KINDS } from './rate-limits/index.js';
import { TLS_KINDS } from './tls/index.js';
import { TOKEN_KINDS } from './tokens/index.js';

/**
 * Every fault kind, one folder per category in the order of CATEGORIES (a kind's folder is its
 * category; helpers several folders use are in shared/). The registry (../registry.ts) is built
 * from this list.
 */
export const ALL_KINDS = [
  ...TOKEN_KINDS,
  ...CREDENTIAL_KINDS,
  ...OAUTH_FLOW_KINDS,
  ...TLS_KINDS,
  ...RATE_LIMIT_KINDS,
  ...NETWORK_KINDS,
  ...CLOCK_KINDS,
  ...PERMISSION_KINDS,
] as const;
