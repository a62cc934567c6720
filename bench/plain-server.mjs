// The baseline: a minimal oidc-provider 9 in express 5, with only what a fair comparison with
// `authfault idp` needs — one confidential client allowed client_credentials (throughput), one
// confidential client allowed authorization_code with one redirect URI (first login, with the
// same metadata bench/first-login.config.yaml gives authfault), the clientCredentials feature
// on, oidc-provider's own devInteractions for the login and consent pages, and one RSA-2048
// signing key generated at start (authfault generates one per run too). Mounted at /default on
// 127.0.0.1, port 0. Prints one JSON line `{"issuer":…,"clients":[…]}` once listening, like
// `authfault idp --json`.
import { createServer } from 'node:http';
import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const CLIENT = { client_id: 'demo-app', client_secret: 'demo-app-secret-not-for-production' };
const LOGIN_CLIENT = {
  client_id: 'bench-login',
  client_secret: 'bench-login-secret-not-for-production',
  redirect_uris: ['http://127.0.0.1:9/callback'],
  grant_types: ['authorization_code'],
};

const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'plain', alg: 'RS256', use: 'sig' };

const app = express();
const server = createServer(app);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}/default`;

const provider = new Provider(issuer, {
  clients: [{ ...CLIENT, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }, { ...LOGIN_CLIENT, response_types: ['code'] }],
  jwks: { keys: [jwk] },
  // devInteractions is oidc-provider's default; it is on for the first-login benchmark. It warns on stderr.
  features: { devInteractions: { enabled: true }, clientCredentials: { enabled: true } },
});
app.use('/default', provider.callback());

process.stdout.write(`${JSON.stringify({ issuer, clients: [CLIENT, LOGIN_CLIENT] })}\n`);

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
