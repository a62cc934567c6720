/**
 * The debugger's script: plain browser JavaScript under the page's CSP nonce.
 *
 * - Every call goes to this provider on the page's own origin (discovery's endpoint paths, taken
 *   onto location.origin): with HTTPS the page is on the front channel, whose certificate stays
 *   valid, and no CORS or second certificate is involved.
 * - The pending request (client, state, nonce, PKCE verifier) waits in sessionStorage under its
 *   state while the browser is at the login page.
 * - Values reach the page as text only (textContent), never as markup.
 *
 * Written without backticks or "${", so it can live in this template literal.
 */
export const DEBUGGER_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('authfault-data').textContent);
  var redirectUri = location.origin + data.base + '/debugger';
  var KEY = 'authfault-debugger:';
  function $(id) { return document.getElementById(id); }
  function here(url) { var u = new URL(url, location.href); return location.origin + u.pathname + u.search; }
  function fail(message) { $('error').textContent = message; }
  function show(id) { $(id).hidden = false; }
  function text(id, value) { $(id).textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2); }
  function rows(tableSelector, pairs) {
    var body = document.querySelector(tableSelector + ' tbody');
    body.textContent = '';
    pairs.forEach(function (pair) {
      var tr = document.createElement('tr');
      var th = document.createElement('th'); th.scope = 'row'; th.textContent = pair[0];
      var td = document.createElement('td'); var code = document.createElement('code'); code.textContent = pair[1]; td.appendChild(code);
      tr.appendChild(th); tr.appendChild(td); body.appendChild(tr);
    });
  }
  function check(ok, message) {
    var li = document.createElement('li');
    li.className = ok ? 'ok' : 'bad';
    li.textContent = (ok ? '✓ ' : '✗ ') + message;
    $('callback-checks').appendChild(li);
    return ok;
  }
  function b64url(bytes) {
    var s = ''; bytes.forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function random() { var a = new Uint8Array(32); crypto.getRandomValues(a); return b64url(a); }
  async function challenge(verifier) {
    return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  }
  function part(segment) {
    var b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    var bytes = Uint8Array.from(atob(b64 + '==='.slice((b64.length + 3) % 4)), function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  }
  /** A JWT's header and claims, with its times in words; anything else is opaque here. */
  function decode(token) {
    if (typeof token !== 'string') return '(none)';
    var parts = token.split('.');
    if (parts.length !== 3) return '(opaque: ' + token.length + ' characters, not a JWT; the provider introspects it)';
    try {
      var claims = part(parts[1]);
      var times = {};
      ['iat', 'nbf', 'exp', 'auth_time'].forEach(function (k) { if (typeof claims[k] === 'number') times[k] = new Date(claims[k] * 1000).toISOString(); });
      return { header: part(parts[0]), claims: claims, times: times };
    } catch (e) { return '(not decodable: ' + e.message + ')'; }
  }
  async function json(res, what) {
    var body = await res.text();
    try { return JSON.parse(body); } catch (e) { throw new Error(what + ' answered ' + res.status + ' with something that is not JSON: ' + body.slice(0, 300)); }
  }
  async function discovery() {
    var res = await fetch(here(data.issuer + '/.well-known/openid-configuration'));
    if (!res.ok) throw new Error('discovery answered ' + res.status + ' (is a fault set on it?)');
    return json(res, 'discovery');
  }
  async function clients() {
    var res = await fetch(data.base + '/clients');
    return (await json(res, 'the control API')).clients;
  }

  async function start(event) {
    event.preventDefault();
    fail('');
    try {
      var list = await clients();
      var client = list.find(function (c) { return c.client_id === $('client').value; });
      if (!client) throw new Error('pick a client');
      var config = await discovery();
      var pending = { client_id: client.client_id, state: random(), nonce: random(), verifier: random() };
      var params = new URLSearchParams({
        client_id: client.client_id, response_type: 'code', redirect_uri: redirectUri, scope: $('scope').value.trim() || 'openid',
        state: pending.state, nonce: pending.nonce, code_challenge: await challenge(pending.verifier), code_challenge_method: 'S256',
      });
      if ($('login-hint').value.trim()) params.set('login_hint', $('login-hint').value.trim());
      if ($('prompt').value) params.set('prompt', $('prompt').value);
      pending.request = Array.from(params.entries());
      pending.url = config.authorization_endpoint + '?' + params.toString();
      sessionStorage.setItem(KEY + pending.state, JSON.stringify(pending));
      location.assign(pending.url);
    } catch (e) { fail(e.message); }
  }

  async function finish(query) {
    var state = query.get('state') || '';
    var pending = JSON.parse(sessionStorage.getItem(KEY + state) || 'null');
    sessionStorage.removeItem(KEY + state);
    if (pending) {
      rows('#request', pending.request);
      text('request-url', pending.url);
      show('request');
      $('client').value = pending.client_id;
    }
    rows('#callback', Array.from(query.entries()));
    show('callback');
    history.replaceState(null, '', redirectUri);
    if (!check(!!pending, pending ? 'state matches the request this page sent' : 'no request of this page has this state (' + (state || 'none') + '): refused, as an app must')) return;
    var config = await discovery();
    check(query.get('iss') === config.issuer, 'iss ' + (query.get('iss') === null ? 'absent' : query.get('iss')) + (query.get('iss') === config.issuer ? ' is the issuer' : ' is not the issuer ' + config.issuer));
    if (query.get('error')) { check(false, 'the provider answered ' + query.get('error') + (query.get('error_description') ? ': ' + query.get('error_description') : '')); return; }
    var client = (await clients()).find(function (c) { return c.client_id === pending.client_id; });
    var headers = { 'content-type': 'application/x-www-form-urlencoded' };
    var form = new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code') || '', redirect_uri: redirectUri, code_verifier: pending.verifier });
    if (client && client.client_secret && client.token_endpoint_auth_method === 'client_secret_post') {
      form.set('client_id', client.client_id); form.set('client_secret', client.client_secret);
    } else if (client && client.client_secret) {
      headers.authorization = 'Basic ' + btoa(encodeURIComponent(client.client_id) + ':' + encodeURIComponent(client.client_secret));
    } else {
      form.set('client_id', pending.client_id);
    }
    var res = await fetch(here(config.token_endpoint), { method: 'POST', headers: headers, body: form });
    var tokens = await json(res, 'the token endpoint');
    show('tokens');
    text('token-response', tokens);
    var idToken = decode(tokens.id_token);
    text('id-token', idToken);
    text('access-token', decode(tokens.access_token));
    if (!res.ok) { check(false, 'the token endpoint answered ' + res.status + ' ' + (tokens.error || '')); return; }
    if (idToken && idToken.claims) check(idToken.claims.nonce === pending.nonce, 'the ID token\'s nonce ' + (idToken.claims.nonce === pending.nonce ? 'matches' : 'does not match') + ' the request\'s');
    var info = await fetch(here(config.userinfo_endpoint), { headers: { authorization: 'Bearer ' + tokens.access_token } });
    show('userinfo');
    text('userinfo-response', info.ok ? await json(info, 'userinfo') : 'userinfo answered ' + info.status + ' ' + (info.headers.get('www-authenticate') || ''));
  }

  async function init() {
    var list = await clients();
    list.forEach(function (c) {
      var option = document.createElement('option');
      option.value = c.client_id;
      option.textContent = c.client_id + (c.public ? ' (public)' : '');
      $('client').appendChild(option);
    });
    $('start').addEventListener('submit', start);
    $('start-over').addEventListener('click', function () { location.assign(redirectUri); });
    var query = new URLSearchParams(location.search);
    if (query.has('code') || query.has('error') || query.has('state')) await finish(query);
  }
  init().catch(function (e) { fail(e.message); });
})();
`;
