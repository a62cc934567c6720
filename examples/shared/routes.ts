/**
 * The pages, the same for both apps; everything OIDC goes through the adapter.
 *
 * | route      | does                                                                  |
 * |------------|-----------------------------------------------------------------------|
 * | /health    | 200 ok, without touching the provider (discovery is lazy)             |
 * | /          | "Signed in as …" or "Not signed in"                                   |
 * | /login     | authorization request; the pending login is kept behind `login` cookie |
 * | /callback  | finishes the login once per pending login, new session, back to /     |
 * | /profile   | userinfo, refreshing first when the access token has expired          |
 * | /orders    | GET {API_URL}/orders with the session's access token (adapter.callApi)  |
 * | /burst?n=5 | n calls to GET {API_URL}/orders at once (1–20), and how many succeeded  |
 * | /logout    | drops the local session, then RP-initiated logout when offered        |
 */
import { Router, type Response } from 'express';
import type { OidcAdapter } from './adapter.js';
import { LOGIN_COOKIE, SESSION_COOKIE, cookieOptions, readCookie } from './cookies.js';
import type { AppEnv } from './env.js';
import type { Log } from './log.js';
import * as pages from './pages.js';
import { Problem } from './problem.js';
import { isExpired, refreshIf } from './session-tokens.js';
import type { MemoryStore, Session } from './store.js';

const MAX_BURST = 20;

export function createRoutes(env: AppEnv, adapter: OidcAdapter, store: MemoryStore, log: Log): Router {
  const router = Router();
  const cookies = cookieOptions(env.appUrl);

  const refuseSignIn = (res: Response, err: unknown): void => {
    const problem = adapter.explain(err);
    log.refusal('sign-in', problem.code, problem.message);
    res.status(problem.status).type('html').send(pages.signInFailed(problem.message));
  };

  router.get('/health', (_req, res) => {
    res.type('text/plain').send('ok');
  });

  router.get('/', (req, res) => {
    const session = store.session(readCookie(req, SESSION_COOKIE));
    res.type('html').send(session ? pages.homeSignedIn(session.claims) : pages.notSignedIn());
  });

  router.get('/login', async (req, res) => {
    const hint = req.query.login_hint;
    try {
      const { url, transaction } = await adapter.startLogin(typeof hint === 'string' && hint !== '' ? hint : undefined);
      res.cookie(LOGIN_COOKIE, store.saveLogin(transaction), cookies);
      res.redirect(url.href);
    } catch (err) {
      refuseSignIn(res, err);
    }
  });

  router.get('/callback', async (req, res) => {
    const transaction = store.takeLogin(readCookie(req, LOGIN_COOKIE));
    res.clearCookie(LOGIN_COOKIE, cookies);
    if (transaction === undefined) {
      refuseSignIn(res, new Problem('invalid', 'no-pending-login', 'no sign-in is in progress in this browser (the login cookie is missing, used or expired)'));
      return;
    }
    // The registered redirect URI plus the query the provider sent: openid-client derives the
    // token request's redirect_uri from it, so it must not depend on how the request reached us.
    const callbackUrl = new URL(env.redirectUri);
    callbackUrl.search = new URL(req.originalUrl, env.appUrl).search;
    try {
      const { claims, tokens } = await adapter.finishLogin(callbackUrl, transaction);
      const previous = readCookie(req, SESSION_COOKIE);
      if (previous !== undefined) store.deleteSession(previous);
      const session = store.createSession(String(claims.sub), claims, tokens);
      res.cookie(SESSION_COOKIE, session.id, cookies);
      res.redirect('/');
    } catch (err) {
      refuseSignIn(res, err);
    }
  });

  router.get('/profile', async (req, res) => {
    const session = store.session(readCookie(req, SESSION_COOKIE));
    if (session === undefined) {
      res.status(401).type('html').send(pages.notSignedIn());
      return;
    }
    try {
      const userinfo = await profileClaims(session);
      res.type('html').send(pages.profile(session.claims, userinfo));
    } catch (err) {
      const problem = adapter.explain(err);
      log.refusal('profile', problem.code, problem.message);
      res.status(problem.status).type('html');
      if (problem.endsSession) {
        store.deleteSession(session.id);
        res.clearCookie(SESSION_COOKIE, cookies).send(pages.sessionExpired(problem.message));
      } else {
        res.send(pages.profileUnavailable(session.claims, problem.message));
      }
    }
  });

  router.get('/orders', async (req, res) => {
    const session = store.session(readCookie(req, SESSION_COOKIE));
    if (session === undefined) {
      res.status(401).type('html').send(pages.notSignedIn());
      return;
    }
    try {
      const body = await adapter.callApi(session, 'GET', '/orders');
      res.type('html').send(pages.orders(session.claims, body));
    } catch (err) {
      const problem = adapter.explain(err);
      log.refusal('orders', problem.code, problem.message);
      res.status(problem.status).type('html');
      if (problem.endsSession) {
        store.deleteSession(session.id);
        res.clearCookie(SESSION_COOKIE, cookies).send(pages.sessionExpired(problem.message));
      } else {
        res.send(pages.ordersUnavailable(session.claims, problem.message));
      }
    }
  });

  router.get('/burst', async (req, res) => {
    const session = store.session(readCookie(req, SESSION_COOKIE));
    if (session === undefined) {
      res.status(401).type('html').send(pages.notSignedIn());
      return;
    }
    const asked = Number(req.query.n ?? 5);
    const n = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), MAX_BURST) : 5;
    const results = await Promise.allSettled(Array.from({ length: n }, () => adapter.callApi(session, 'GET', '/orders')));
    const problems = results.flatMap((r) => (r.status === 'rejected' ? [adapter.explain(r.reason)] : []));
    for (const problem of problems) log.refusal('burst call', problem.code, problem.message);
    const ending = problems.find((p) => p.endsSession);
    if (ending !== undefined) {
      store.deleteSession(session.id);
      res.status(ending.status).type('html').clearCookie(SESSION_COOKIE, cookies).send(pages.sessionExpired(ending.message));
      return;
    }
    res.status(problems[0]?.status ?? 200).type('html').send(pages.burst(session.claims, n, problems.map((p) => p.message)));
  });

  router.get('/logout', async (req, res) => {
    const session = store.session(readCookie(req, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, cookies);
    if (session === undefined) {
      res.redirect('/');
      return;
    }
    store.deleteSession(session.id);
    try {
      const endSession = await adapter.endSessionUrl(session.tokens.idToken);
      res.redirect(endSession?.href ?? '/');
    } catch (err) {
      const problem = adapter.explain(err);
      log.note(`signed out locally only; no end-session redirect: ${problem.code}: ${problem.message}`);
      res.redirect('/');
    }
  });

  async function profileClaims(session: Session) {
    await refreshIf(session, adapter, (tokens) => isExpired(tokens));
    const rejected = session.tokens.accessToken;
    try {
      return await adapter.userinfo(rejected, session.sub);
    } catch (err) {
      if (!adapter.refreshOnRejectedToken || adapter.explain(err).kind !== 'token-rejected') throw err;
      log.note('userinfo rejected the access token; refreshing once and retrying');
      await refreshIf(session, adapter, (tokens) => tokens.accessToken === rejected);
      return await adapter.userinfo(session.tokens.accessToken, session.sub);
    }
  }

  return router;
}
