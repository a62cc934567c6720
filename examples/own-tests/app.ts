/**
 * The app under test in both own-tests examples: the kind of small express app a team signs
 * users into with openid-client, tested in its own suite with authfault's provider as the issuer.
 *
 * - Code flow with PKCE S256, state and nonce; openid-client checks all three on the callback.
 * - The pending login lives in memory under a random `login` cookie, the session under `sid`.
 * - A callback that fails any check answers 400 "Sign-in failed" and signs nobody in.
 * - Discovery happens on first use, so the app can be built before the provider answers.
 */
import { randomBytes } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import * as oidc from 'openid-client';

export interface AppOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the app is reached; the redirect URI is `${url}/callback`. */
  url: string;
}

interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function createApp(options: AppOptions): Express {
  const redirectUri = `${options.url}/callback`;
  // Plain http is fine here only because the test provider listens on 127.0.0.1.
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= oidc.discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    }));
  const logins = new Map<string, PendingLogin>();
  const sessions = new Map<string, { name: string }>();
  const cookie = { httpOnly: true, sameSite: 'lax', path: '/' } as const;

  const app = express();

  app.get('/', (req, res) => {
    const session = sessions.get(readCookie(req, 'sid') ?? '');
    res.type('html').send(session ? `<h1>Signed in as ${escapeHtml(session.name)}</h1>` : '<h1>Not signed in</h1><a href="/login">Sign in</a>');
  });

  app.get('/login', async (_req, res) => {
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(await configuration(), {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    const id = randomBytes(16).toString('base64url');
    logins.set(id, pending);
    res.cookie('login', id, cookie).redirect(url.href);
  });

  app.get('/callback', async (req, res) => {
    const id = readCookie(req, 'login') ?? '';
    const pending = logins.get(id);
    logins.delete(id);
    res.clearCookie('login', cookie);
    try {
      if (!pending) throw new Error('no login in progress in this browser');
      const tokens = await oidc.authorizationCodeGrant(await configuration(), new URL(req.originalUrl, options.url), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const sid = randomBytes(16).toString('base64url');
      sessions.set(sid, { name: String(claims.name ?? claims.sub) });
      res.cookie('sid', sid, cookie).redirect('/');
    } catch (error) {
      res.status(400).type('html').send(`<h1>Sign-in failed</h1><p>${escapeHtml(describe(error))}</p>`);
    }
  });

  return app;
}

/** openid-client's errors carry a stable code, and the precise reason in their cause. */
function describe(error: unknown): string {
  const { code, message, cause } = error as { code?: string; message?: string; cause?: { message?: string } };
  return [code, message, cause?.message].filter(Boolean).join(': ');
}

function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, value] = pair.trim().split('=');
    if (key === name) return value;
  }
  return undefined;
}

/** For text between tags, the only place this app puts outside text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
