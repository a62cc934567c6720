/** The careful example app: every OIDC check openid-client offers, and the ones it leaves to us. */
import { serve } from '../shared/serve.js';
import { createCarefulAdapter } from './oidc.js';

serve('careful-app', createCarefulAdapter);
