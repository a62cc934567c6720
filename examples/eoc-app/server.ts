/**
 * eoc-app: a web app that signs users in the way Auth0's express-openid-connect 2 documents it
 * (openid-client 4 underneath). authfault knows it only through authfault.config.yaml.
 *
 * - The library reads its own environment: ISSUER_BASE_URL, BASE_URL, CLIENT_ID, CLIENT_SECRET,
 *   SECRET (the cookie-encryption key). PORT is ours.
 * - Library defaults everywhere except two documented choices: a public home page
 *   (`authRequired: false`, with a "Log in" link) and the authorization code flow
 *   (`response_type: 'code'`, which the library pairs with PKCE S256 and client_secret_basic);
 *   the default is the implicit id_token flow, which cannot call an API.
 * - No OIDC check is added or removed: whatever a verdict says about this app, it says about
 *   express-openid-connect's defaults.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import eoc from 'express-openid-connect';

const { auth, requiresAuth } = eoc;
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable('x-powered-by');
app.use(
  auth({
    authRequired: false,
    authorizationParams: { response_type: 'code', scope: 'openid profile email offline_access' },
  }),
);

app.get('/', (req, res) => {
  const user = req.oidc.user;
  res.type('html').send(
    user
      ? page(`Welcome, ${user.name ?? user.sub}`, `<p>${esc(user.email ?? '')}</p><p><a href="/profile">Your profile</a> · <a href="/logout">Log out</a></p>`)
      : page('Welcome', '<p>You are not logged in.</p><p><a href="/login">Log in</a></p>'),
  );
});

// The access token is refreshed when it has expired, as the library's examples do it.
app.get('/profile', requiresAuth(), async (req, res) => {
  let accessToken = req.oidc.accessToken;
  if (accessToken?.isExpired()) accessToken = await accessToken.refresh();
  const userinfo = await req.oidc.fetchUserInfo();
  res.type('html').send(page('Your profile', `<pre>${esc(JSON.stringify(userinfo, null, 2))}</pre><p><a href="/">Home</a></p>`));
});

// The library hands every failure to express: a refused callback as a 400, anything else the
// provider or the network did wrong (openid-client's OPError/RPError, got's network errors, a
// failed discovery) without a status. Those are a bad gateway (RFC 9110 §15.6.3), not our bug.
const UPSTREAM = new Set(['OPError', 'RPError', 'RequestError', 'TimeoutError', 'AggregateError']);
app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
  const status = err.status ?? (UPSTREAM.has(err.name) ? 502 : 500);
  console.error(`[eoc-app] ${status} ${err.message}`);
  res.status(status).type('html').send(page('Login failed', `<p>${esc(err.message)}</p><p><a href="/">Home</a></p>`));
});

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`[eoc-app] listening on ${process.env.BASE_URL} (issuer ${process.env.ISSUER_BASE_URL})`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
