import type { FaultKind } from '../types.js';
import { OAUTH_FLOW_KINDS } from './oauth-flow/index.js';
import { RATE_LIMIT_KINDS } from './rate-limits/index.js';
import { TOKEN_KINDS } from './tokens/index.js';

/** Every fault kind, grouped by the folder (category) it lives in. */
export const ALL_KINDS: readonly FaultKind<any>[] = [...TOKEN_KINDS, ...OAUTH_FLOW_KINDS, ...RATE_LIMIT_KINDS];
