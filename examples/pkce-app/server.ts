/**
 * pkce-app: an express 5 app that signs users in with openid-client 6 the way its README's quick
 * start does it — PKCE S256 on every login, and state only when the server's metadata does not
 * list S256 (the mock provider does list it, so no state is sent), no nonce. authfault knows it
 * only through authfault.config.yaml.
 *
 * - client.discovery(issuer, client id, client secret) once at start-up, as the README's quick
 *   start; openid-client's defaults throughout (client_secret_post, a 30 s timeout per request,
 *   30 s clock tolerance, the id_token's signature taken on TLS from the token endpoint).
 * - The profile page renews an expired access token with refreshTokenGrant, then calls
 *   fetchUserInfo with the signed-in user's sub; /logout ends the app's session and sends the
 *   browser to the provider's end-session endpoint (buildEndSessionUrl).
 * - No OIDC check is added: whatever a verdict says about this app, it says about openid-client
 *   6 used for PKCE alone.
 */
import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as client from 'openid-client';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    console.error(`[pkce-app] ${name} is not set`);
    process.exit(2);
  }
  return value;
};
const port = Number(env('PORT'));
const appUrl = env('APP_URL');
const redirectUri = `${appUrl}/callback`;
const scope = 'openid profile email offline_access';

const config = await client.discovery(new URL(env('OIDC_ISSUER')), env('OIDC_CLIENT_ID'), env('OIDC_CLIENT_SECRET'));

interface Session {
  /** The pending login: the PKCE verifier, and state when the server does not support PKCE. */
  login?: { codeVerifier: string; state?: string };
  user?: { sub: string; name?: string; email?: string };
  tokens?: { accessToken: string; refreshToken?: string; idToken?: string; expiresAt?: number };
}

// One in-memory session per browser, behind an opaque cookie.
const sessions = new Map<string, Session>();
const COOKIE = 'pkce_app_session';

function session(req: Request, res: Response): Session {
  const id = /(?:^|;\s*)pkce_app_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (id && sessions.has(id)) return sessions.get(id)!;
  const fresh = randomBytes(18).toString('base64url');
  sessions.set(fresh, {});
  res.cookie(COOKIE, fresh, { httpOnly: true, sameSite: 'lax', path: '/' });
  return sessions.get(fresh)!;
}

const app = express();
app.disable('x-powered-by');

app.get('/', (req, res) => {
  const { user } = session(req, res);
  res.type('html').send(
    user
      ? page(`Welcome, ${user.name ?? user.sub}`, `<p>Signed in as ${esc(user.email ?? user.sub)}</p><p><a href="/profile">Your profile</a> · <a href="/logout">Log out</a></p>`)
      : page('Welcome', '<p>You are not signed in.</p><p><a href="/login">Log in</a></p>'),
  );
});

app.get('/login', async (req, res) => {
  const s = session(req, res);
  const codeVerifier = client.randomPKCECodeVerifier();
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  s.login = { codeVerifier };
  if (!config.serverMetadata().supportsPKCE()) {
    s.login.state = client.randomState();
    parameters.state = s.login.state;
  }
  res.redirect(client.buildAuthorizationUrl(config, parameters).href);
});

app.get('/callback', async (req, res) => {
  const s = session(req, res);
  const pending = s.login;
  delete s.login;
  if (!pending) throw Object.assign(new Error('no login in progress'), { status: 400 });
  const currentUrl = new URL(req.originalUrl, appUrl);
  let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
  try {
    tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state });
  } catch (err) {
    throw refusedOrUpstream(err);
  }
  const claims = tokens.claims();
  if (!claims) throw Object.assign(new Error('the token response carries no id_token'), { status: 400 });
  s.user = { sub: claims.sub, name: claims.name as string | undefined, email: claims.email as string | undefined };
  s.tokens = tokenSet(tokens);
  res.redirect('/');
});

// The UserInfo claims, renewing an access token that has expired first.
app.get('/profile', async (req, res) => {
  const s = session(req, res);
  if (!s.user || !s.tokens) return res.redirect('/login');
  try {
    if (s.tokens.expiresAt !== undefined && Date.now() >= s.tokens.expiresAt && s.tokens.refreshToken) {
      s.tokens = tokenSet(await client.refreshTokenGrant(config, s.tokens.refreshToken), s.tokens);
    }
    const userinfo = await client.fetchUserInfo(config, s.tokens.accessToken, s.user.sub);
    res.type('html').send(page('Your profile', `<p>Signed in as ${esc(s.user.name ?? s.user.sub)}</p><pre>${esc(JSON.stringify(userinfo, null, 2))}</pre><p><a href="/">Home</a></p>`));
  } catch (err) {
    throw upstream(err);
  }
});

app.get('/logout', (req, res) => {
  const s = session(req, res);
  const idToken = s.tokens?.idToken;
  delete s.user;
  delete s.tokens;
  const endSession = config.serverMetadata().end_session_endpoint
    ? client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${appUrl}/`, ...(idToken && { id_token_hint: idToken }) }).href
    : '/';
  res.redirect(endSession);
});

// A refused login is the client's verdict on what came back (400); a provider or network failure
// on a call is a bad gateway (RFC 9110 §15.6.3); anything else is a bug of ours (500).
app.use((err: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
  const status = err.status ?? 500;
  console.error(`[pkce-app] ${status} ${err.name}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}`);
  res.status(status).type('html').send(page(status === 400 ? 'Login failed' : 'Something went wrong', `<p>${esc(err.message)}</p><p><a href="/">Home</a></p>`));
});

function refusedOrUpstream(err: unknown): Error {
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError || err instanceof client.ClientError) {
    return Object.assign(err, { status: 400 });
  }
  return upstream(err);
}

function upstream(err: unknown): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  return Object.assign(error, { status: 502 });
}

function tokenSet(response: client.TokenEndpointResponse, previous?: Session['tokens']): NonNullable<Session['tokens']> {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  return {
    accessToken: response.access_token,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(idToken !== undefined && { idToken }),
    ...(response.expires_in !== undefined && { expiresAt: Date.now() + response.expires_in * 1000 }),
  };
}

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`[pkce-app] listening on ${appUrl} (issuer ${config.serverMetadata().issuer}, state sent: ${!config.serverMetadata().supportsPKCE()})`);
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
