// A first authorization-code login over plain HTTP, as a server-side web app and its user's
// browser would do it, without a browser: GET authorize (PKCE S256, state, nonce) → the
// provider's login page → submit the form → consent if asked → the redirect to redirect_uri with
// a code → POST token → GET the JWKS → the id_token verified with jose. fetch with manual
// redirects and a small cookie jar; nothing serves the redirect URI (the code is read from the
// Location header). The form steps differ per server (`plainFlow`, `authfaultFlow`); the rest is
// shared. Every HTTP request is timed as a step.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

/** The client both servers register for the login (plain-server.mjs, first-login.config.yaml). */
export const LOGIN_CLIENT_ID = 'bench-login';
export const LOGIN_USER = 'alice';

/** Cookies by name and path, for the one origin the login talks to (no domains, no expiry clock). */
class CookieJar {
  #cookies = new Map();

  store(url, headers) {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const requestPath = new URL(url).pathname;
      let path = requestPath.slice(0, requestPath.lastIndexOf('/')) || '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [k, v = ''] = attr.split('=');
        const key = k.trim().toLowerCase();
        if (key === 'path' && v.trim().startsWith('/')) path = v.trim();
        if (key === 'max-age' && Number(v) <= 0) expired = true;
        if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      const id = `${name}\0${path}`;
      if (expired) this.#cookies.delete(id);
      else this.#cookies.set(id, { name, value, path });
    }
  }

  header(url) {
    const p = new URL(url).pathname;
    const matches = [...this.#cookies.values()].filter((c) => p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`));
    return matches.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );

function attributes(source) {
  const out = {};
  for (const m of source.matchAll(/([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** The forms of a page: action (absolute), method, and their input and button elements' attributes. */
export function parseForms(html, pageUrl) {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const a = attributes(m[1]);
    const fields = [...m[2].matchAll(/<(input|button)\b([^>]*)>/gi)].map((f) => ({ tag: f[1].toLowerCase(), ...attributes(f[2]) }));
    return { action: new URL(a.action ?? '', pageUrl).href, method: (a.method ?? 'get').toLowerCase(), fields };
  });
}

const hidden = (form) => Object.fromEntries(form.fields.filter((f) => f.type === 'hidden' && f.name).map((f) => [f.name, f.value ?? '']));
const hasField = (form, name, value) => form.fields.some((f) => f.name === name && (value === undefined || f.value === value));

/**
 * oidc-provider's devInteractions: the login form (hidden prompt=login, any `login` and
 * `password`), then the consent form (hidden prompt=consent, "Continue").
 */
export function plainFlow({ forms }) {
  const login = forms.find((f) => hasField(f, 'prompt', 'login'));
  if (login) return { page: 'login', form: login, fields: { ...hidden(login), login: LOGIN_USER, password: 'any' } };
  const consent = forms.find((f) => hasField(f, 'prompt', 'consent'));
  if (consent) return { page: 'consent', form: consent, fields: hidden(consent) };
  return undefined;
}

/**
 * authfault's pages (mock-provider/interactions/views.ts): the login page's "Sign in as alice"
 * button (name=username value=alice), and, for a client with require_consent, "Allow"
 * (name=decision value=allow).
 */
export function authfaultFlow({ forms }) {
  const login = forms.find((f) => f.fields.some((b) => b.tag === 'button' && b.name === 'username' && b.value === LOGIN_USER));
  if (login) return { page: 'login', form: login, fields: { ...hidden(login), username: LOGIN_USER } };
  const consent = forms.find((f) => hasField(f, 'decision', 'allow'));
  if (consent) return { page: 'consent', form: consent, fields: { ...hidden(consent), decision: 'allow' } };
  return undefined;
}

const b64url = (buf) => buf.toString('base64url');

/**
 * One first login. `discovery` is the parsed discovery document, `client` the ready line's entry
 * for LOGIN_CLIENT_ID (client_id, client_secret, redirect_uris), `flow` the server's form steps.
 * Resolves with the verified id_token's claims and the steps: [label, ms] per HTTP request or
 * verification, in order. Throws on anything a real app would refuse.
 */
export async function firstLogin({ discovery, client, flow }) {
  const steps = [];
  const jar = new CookieJar();
  const origin = new URL(discovery.issuer).origin;
  const redirectUri = client.redirect_uris[0];

  const send = async (label, url, init = {}) => {
    const start = performance.now();
    if (new URL(url).origin !== origin) throw new Error(`${label}: refusing to leave the provider's origin for ${url}`);
    const cookie = jar.header(url);
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    jar.store(url, res.headers);
    const body = await res.text();
    steps.push([label, performance.now() - start]);
    return { url, status: res.status, headers: res.headers, body };
  };

  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [k, v] of Object.entries({
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) {
    authorize.searchParams.set(k, v);
  }

  let res = await send('GET authorize', authorize.href);
  let callback;
  for (let hop = 0; !callback; hop++) {
    if (hop > 12) throw new Error(`no redirect to ${redirectUri} after 12 hops (last: ${res.status} ${res.url})`);
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location'), res.url);
      if (location.href.startsWith(redirectUri)) {
        callback = location;
        break;
      }
      const label = location.pathname.includes('/interaction/') ? 'GET interaction page' : 'GET authorize resume';
      res = await send(label, location.href);
    } else if (res.status === 200 && /html/.test(res.headers.get('content-type') ?? '')) {
      const next = flow({ url: res.url, html: res.body, forms: parseForms(res.body, res.url) });
      if (!next) throw new Error(`${res.url}: a page the flow does not know:\n${res.body.slice(0, 2000)}`);
      if (next.form.method !== 'post') throw new Error(`${res.url}: the ${next.page} form's method is ${next.form.method}`);
      steps[steps.length - 1][0] = `GET ${next.page} page`;
      res = await send(`POST ${next.page}`, next.form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(next.fields).toString(),
      });
    } else {
      throw new Error(`${res.url}: unexpected ${res.status}: ${res.body.slice(0, 500)}`);
    }
  }

  const params = callback.searchParams;
  if (params.get('error')) throw new Error(`authorization error: ${params.get('error')} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new Error(`state mismatch: sent ${state}, got ${params.get('state')}`);
  if (params.has('iss') && params.get('iss') !== discovery.issuer) throw new Error(`iss mismatch: ${params.get('iss')}`);
  const code = params.get('code');
  if (!code) throw new Error(`no code in ${callback.href}`);

  const basic = Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`).toString('base64');
  const token = await send('POST token', discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }).toString(),
  });
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${token.body}`);
  const { id_token: idToken } = JSON.parse(token.body);
  if (!idToken) throw new Error(`no id_token in the token response: ${token.body}`);

  const jwks = await send('GET jwks', discovery.jwks_uri);
  if (jwks.status !== 200) throw new Error(`JWKS answered ${jwks.status}`);
  const start = performance.now();
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(JSON.parse(jwks.body)), {
    issuer: discovery.issuer,
    audience: client.client_id,
    algorithms: discovery.id_token_signing_alg_values_supported,
  });
  if (payload.nonce !== nonce) throw new Error(`nonce mismatch: sent ${nonce}, got ${payload.nonce}`);
  steps.push(['verify id_token', performance.now() - start]);
  return { claims: payload, steps };
}

/**
 * Load what the driver itself needs lazily (undici behind fetch, jose's RS256 verification) before
 * anything is timed, so the first server measured does not pay for the driver's own warm-up.
 */
export async function warmDriver() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign(privateKey);
  await jwtVerify(jwt, createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' }] }));
  const server = createServer((req, res) => res.writeHead(302, { location: '/', 'set-cookie': 'a=b; path=/' }).end());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/`, { redirect: 'manual' });
    new CookieJar().store(res.url, res.headers);
    await res.text();
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
