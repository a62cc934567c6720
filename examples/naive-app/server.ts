/** The naive example app: hand-written OIDC with the flaws listed in FLAWS.md, and no others. */
// FLAW #4: certificate verification turned off for the whole process, the classic "fix" for
// "unable to verify the first certificate". Every TLS connection now trusts any certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

import { serve } from '../shared/serve.js';
import { createNaiveAdapter } from './oidc.js';

serve('naive-app', createNaiveAdapter);
