/** The naive example app: hand-written OIDC with the flaws listed in FLAWS.md, and no others. */
import { serve } from '../shared/serve.js';
import { createNaiveAdapter } from './oidc.js';

serve('naive-app', createNaiveAdapter);
