/**
 * The admin page's script: plain browser JavaScript, inlined under the page's CSP nonce.
 *
 * - Data from the provider only ever reaches the page through textContent, attribute values and
 *   form values (the `el` helper), so nothing a user, client or request carried can become markup.
 * - Forms are generated from JSON Schema: the kind's `parameters` (GET /kinds), the `when`
 *   envelope and the user schema (both in the page's JSON data). Strings, enums, numbers,
 *   booleans and lists of strings get their own inputs; anything else is written as JSON (text
 *   that is not JSON is sent as a string, so "all" or "openid profile" need no quotes).
 * - Live: one EventSource on /events?since=0; journal rows are kept by id, newest first.
 *
 * Written without backticks or "${", so it can live in this template literal (String.raw keeps
 * its backslashes).
 */
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('authfault-data').textContent);
  var base = data.base;
  var MAX_ROWS = 500;
  var kinds = [];
  var users = [];
  var entries = new Map();
  var paramFields = [];
  var whenFields = [];
  var userFields = [];

  function $(id) { return document.getElementById(id); }

  /** An element with attributes (on* become listeners) and children (strings become text). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
      else if (key === 'text') node.textContent = String(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === undefined || child === null || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function api(method, path, body) {
    var init = { method: method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(base + path, init).then(function (res) {
      if (res.status === 204) return undefined;
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (res.ok) return json;
        var error = new Error(json.message || res.status + ' ' + res.statusText);
        error.details = Array.isArray(json.details) ? json.details : [];
        error.code = json.error;
        throw error;
      });
    });
  }

  function showError(region, error) {
    region.replaceChildren();
    if (!error) return;
    region.append(el('p', { text: (error.code ? error.code + ': ' : '') + error.message }));
    var issues = (error.details || []).filter(function (d) { return d && typeof d.message === 'string'; });
    if (issues.length) {
      region.append(el('ul', {}, ...issues.map(function (d) {
        var path = Array.isArray(d.path) ? d.path.join('.') : d.path || '';
        var allowed = Array.isArray(d.allowed) && d.allowed.length && d.allowed.length <= data.maxListed ? ' (allowed: ' + d.allowed.join(', ') + ')' : '';
        return el('li', { text: (path ? path + ': ' : '') + d.message + allowed });
      })));
    }
  }

  function say(text) { $('status').textContent = text; }

  function fail(region) {
    return function (error) { showError(region, error); };
  }

  function brief(value) {
    if (value === undefined) return '';
    var text = JSON.stringify(value);
    return text === '{}' ? '' : text;
  }

  // ---- forms from JSON Schema -------------------------------------------------------------

  function shapeOf(schema) {
    if (Array.isArray(schema.enum) && schema.type === 'string') return 'enum';
    if (schema.type === 'string') return 'string';
    if (schema.type === 'integer' || schema.type === 'number') return 'number';
    if (schema.type === 'boolean') return 'boolean';
    if (schema.type === 'array' && schema.items && schema.items.type === 'string') return 'list';
    return 'json';
  }

  /** One labelled input for a schema property; read() gives the value to send (undefined: leave out). */
  function field(prefix, name, schema, required) {
    var id = prefix + '-' + name;
    var shape = shapeOf(schema);
    var hasDefault = Object.prototype.hasOwnProperty.call(schema, 'default');
    var fallback = hasDefault ? 'default: ' + JSON.stringify(schema.default) : required ? 'required' : 'not set';
    var input;
    if (shape === 'enum' || shape === 'boolean') {
      input = el('select', { id: id, name: name, required: required });
      input.append(el('option', { value: '', text: '(' + fallback + ')' }));
      (shape === 'enum' ? schema.enum : [true, false]).forEach(function (v) { input.append(el('option', { value: String(v), text: String(v) })); });
    } else if (shape === 'json' && (schema.type === 'object' || schema.anyOf)) {
      input = el('textarea', { id: id, name: name, placeholder: hasDefault ? JSON.stringify(schema.default) : 'JSON', spellcheck: 'false' });
    } else {
      input = el('input', {
        id: id,
        name: name,
        type: shape === 'number' ? 'number' : 'text',
        step: shape === 'number' ? (schema.type === 'integer' ? '1' : 'any') : undefined,
        min: shape === 'number' ? (schema.minimum !== undefined ? schema.minimum : schema.exclusiveMinimum) : undefined,
        max: shape === 'number' && schema.maximum !== undefined && schema.maximum < 1e15 ? schema.maximum : undefined,
        placeholder: hasDefault ? (shape === 'list' ? schema.default.join(', ') : String(schema.default)) : shape === 'list' ? 'comma-separated' : '',
        required: required,
        autocomplete: 'off',
        spellcheck: 'false',
      });
    }
    var hints = [];
    if (schema.description) hints.push(schema.description);
    if (shape === 'list') hints.push('Comma-separated' + (schema.items.enum ? ', of: ' + schema.items.enum.join(', ') : '') + '.');
    if (shape === 'json') hints.push('JSON (plain text is sent as a string).');
    var hint = el('small', { id: id + '-hint', text: hints.join(' ') });
    input.setAttribute('aria-describedby', id + '-hint');
    var row = el('div', { class: 'field' }, el('label', { for: id, text: name + (required ? ' (required)' : '') }), input, hint);
    return {
      name: name,
      row: row,
      read: function () {
        var raw = input.value.trim();
        if (raw === '') return undefined;
        if (shape === 'number') return Number(raw);
        if (shape === 'boolean') return raw === 'true';
        if (shape === 'list') return raw.split(/[\s,]+/).filter(Boolean);
        if (shape === 'json') {
          try { return JSON.parse(raw); } catch (e) { return raw; }
        }
        return input.value;
      },
      write: function (value) {
        if (value === undefined || value === null) input.value = '';
        else if (shape === 'list') input.value = value.join(', ');
        else if (shape === 'json') input.value = typeof value === 'string' ? value : JSON.stringify(value);
        else input.value = String(value);
      },
    };
  }

  function fieldsFor(container, prefix, schema, skip) {
    var required = schema.required || [];
    return Object.keys(schema.properties || {}).filter(function (name) { return !skip || skip.indexOf(name) < 0; }).map(function (name) {
      var f = field(prefix, name, schema.properties[name], required.indexOf(name) >= 0);
      container.append(f.row);
      return f;
    });
  }

  function collect(fields) {
    var out = {};
    fields.forEach(function (f) {
      var v = f.read();
      if (v !== undefined) out[f.name] = v;
    });
    return out;
  }

  // ---- faults ------------------------------------------------------------------------------

  function selectedKind() {
    var name = $('kind').value;
    return kinds.find(function (k) { return k.kind === name; });
  }

  function renderKindForm() {
    var kind = selectedKind();
    if (!kind) return;
    $('kind-summary').textContent = kind.summary + (kind.unavailable ? ' Unavailable here: ' + kind.unavailable : '');
    var params = $('params');
    params.replaceChildren(el('legend', { text: 'Parameters' }));
    paramFields = fieldsFor(params, 'param', kind.parameters);
    if (!paramFields.length) params.append(el('p', { class: 'hint', text: 'This kind has no parameters.' }));

    var when = $('when');
    when.replaceChildren(el('legend', { text: 'When' }));
    var endpoint = el('select', { id: 'when-endpoint', name: 'endpoint', 'aria-describedby': 'when-endpoint-hint' });
    endpoint.append(el('option', { value: '', text: '(default: ' + kind.defaultPoints.join(', ') + ')' }));
    kind.points.forEach(function (p) { endpoint.append(el('option', { value: p, text: p })); });
    when.append(el('div', { class: 'field' }, el('label', { for: 'when-endpoint', text: 'endpoint' }), endpoint,
      el('small', { id: 'when-endpoint-hint', text: 'Injection point; the kind supports: ' + kind.points.join(', ') + '.' })));
    whenFields = [{ name: 'endpoint', read: function () { return endpoint.value || undefined; } }]
      .concat(fieldsFor(when, 'when', data.schemas.when, ['endpoint']));
    showError($('fault-error'), undefined);
  }

  function renderKinds() {
    var select = $('kind');
    select.replaceChildren();
    var groups = new Map();
    kinds.forEach(function (k) {
      if (!groups.has(k.category)) {
        groups.set(k.category, el('optgroup', { label: k.category }));
        select.append(groups.get(k.category));
      }
      groups.get(k.category).append(el('option', { value: k.kind, text: k.kind }));
    });
    renderKindForm();
  }

  function renderFaults(faults) {
    var body = $('faults').tBodies[0];
    body.replaceChildren();
    if (!faults.length) body.append(el('tr', {}, el('td', { colspan: 7, class: 'hint', text: 'No faults set.' })));
    faults.forEach(function (f) {
      body.append(el('tr', { 'data-id': f.id },
        el('td', { text: f.id }),
        el('td', {}, el('code', { text: f.kind })),
        el('td', {}, el('code', { text: brief(f.params) })),
        el('td', {}, el('code', { text: brief(f.when) })),
        el('td', { text: String(f.matched) }),
        el('td', { text: String(f.applied) }),
        el('td', {}, el('button', { type: 'button', 'aria-label': 'Remove fault ' + f.id, text: 'Remove', onclick: function () {
          api('DELETE', '/faults/' + encodeURIComponent(f.id)).then(function () { say('Removed fault ' + f.id + '.'); return refreshFaults(); }, fail($('fault-error')));
        } }))));
    });
  }

  function refreshFaults() {
    return api('GET', '/faults').then(function (r) { renderFaults(r.faults); });
  }

  $('kind').addEventListener('change', renderKindForm);
  $('add-fault').addEventListener('submit', function (event) {
    event.preventDefault();
    var kind = selectedKind();
    if (!kind) return;
    var fault = Object.assign({ kind: kind.kind }, collect(paramFields));
    var when = collect(whenFields);
    if (Object.keys(when).length) fault.when = when;
    api('POST', '/faults', fault).then(function (r) {
      showError($('fault-error'), undefined);
      say('Added ' + r.faults.map(function (f) { return f.id + ' (' + f.kind + ')'; }).join(', ') + '.');
      return refreshFaults();
    }, fail($('fault-error')));
  });
  $('clear-faults').addEventListener('click', function () {
    api('DELETE', '/faults').then(function () { say('Removed every fault.'); return refreshFaults(); }, fail($('fault-error')));
  });

  // ---- journal -----------------------------------------------------------------------------

  function journalRow(entry) {
    var faults = entry.faults.map(function (f) { return f.kind + ' (' + f.id + '): ' + f.effect; }).join('; ');
    var status = entry.status ? String(entry.status) : entry.outcome || '…';
    if (entry.status && entry.outcome) status += ' ' + entry.outcome;
    var time = entry.time.slice(11, 23);
    return el('tr', { 'data-id': entry.id, class: [entry.faults.length ? 'faulted' : '', entry.status ? '' : 'pending'].join(' ').trim() || undefined },
      el('td', { text: String(entry.id) }),
      el('td', {}, el('time', { datetime: entry.time, text: time })),
      el('td', { text: entry.method }),
      el('td', { text: entry.endpoint }),
      el('td', {}, el('code', { text: entry.path })),
      el('td', { text: entry.clientId || '' }),
      el('td', { text: status }),
      el('td', { text: entry.status ? String(entry.durationMs) : '' }),
      el('td', { text: faults }));
  }

  function upsertEntry(entry) {
    var body = $('journal').tBodies[0];
    var known = entries.get(entry.id);
    // A replayed "start" must not overwrite the finished entry it is an older copy of.
    if (known && known.entry.status && !entry.status) return;
    var row = journalRow(entry);
    if (known) {
      known.row.replaceWith(row);
    } else {
      var after = Array.prototype.find.call(body.rows, function (r) { return Number(r.getAttribute('data-id')) < entry.id; });
      body.insertBefore(row, after || null);
    }
    entries.set(entry.id, { entry: entry, row: row });
    while (entries.size > MAX_ROWS) {
      var oldest = Math.min.apply(null, Array.from(entries.keys()));
      entries.get(oldest).row.remove();
      entries.delete(oldest);
    }
  }

  function clearJournalRows() {
    entries.clear();
    $('journal').tBodies[0].replaceChildren();
  }

  $('clear-journal').addEventListener('click', function () {
    api('DELETE', '/journal').then(function () { clearJournalRows(); say('Cleared the journal.'); }, function (e) { say(e.message); });
  });

  // ---- users -------------------------------------------------------------------------------

  function renderUsers(list) {
    users = list;
    var body = $('users').tBodies[0];
    body.replaceChildren();
    if (!list.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'hint', text: 'No users: the login page offers nobody.' })));
    list.forEach(function (u) {
      body.append(el('tr', { 'data-id': u.id },
        el('td', {}, el('code', { text: u.id })),
        el('td', { text: u.name || '' }),
        el('td', { text: u.email || '' }),
        el('td', { text: (u.roles || []).join(', ') }),
        el('td', {}, el('code', { text: brief(u.claims) })),
        el('td', {},
          el('button', { type: 'button', 'aria-label': 'Edit user ' + u.id, text: 'Edit', onclick: function () { editUser(u); } }), ' ',
          el('button', { type: 'button', 'aria-label': 'Delete user ' + u.id, text: 'Delete', onclick: function () {
            api('DELETE', '/users/' + encodeURIComponent(u.id)).then(function () { say('Deleted user ' + u.id + '.'); return refreshUsers(); }, fail($('user-error')));
          } }))));
    });
  }

  function refreshUsers() {
    return api('GET', '/users').then(function (r) { renderUsers(r.users); });
  }

  function editUser(user) {
    $('user-legend').textContent = user ? 'Edit user ' + user.id : 'New user';
    userFields.forEach(function (f) { f.write(user ? user[f.name] : undefined); });
    showError($('user-error'), undefined);
    if (user) $('user-id').focus();
  }

  userFields = fieldsFor($('user-fields'), 'user', data.schemas.user);
  $('new-user').addEventListener('click', function () { editUser(undefined); $('user-id').focus(); });
  $('user-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var user = collect(userFields);
    var id = user.id || '';
    if (!id) {
      showError($('user-error'), { message: 'id is required: it is the subject (sub) and the login name' });
      return;
    }
    api('PUT', '/users/' + encodeURIComponent(id), user).then(function (r) {
      say('Saved user ' + r.user.id + '.');
      editUser(r.user);
      return refreshUsers();
    }, fail($('user-error')));
  });

  // ---- clients -----------------------------------------------------------------------------

  function renderClients(list) {
    var body = $('clients').tBodies[0];
    body.replaceChildren();
    list.forEach(function (c) {
      body.append(el('tr', { 'data-id': c.client_id },
        el('td', {}, el('code', { text: c.client_id })),
        el('td', {}, c.client_secret ? el('code', { text: c.client_secret }) : '(public client, PKCE)'),
        el('td', {}, ...(c.redirect_uris.length ? c.redirect_uris.map(function (u) { return el('div', {}, el('code', { text: u })); }) : ['none: sign-in is off'])),
        el('td', { text: c.grant_types.join(', ') }),
        el('td', { text: c.token_endpoint_auth_method || (c.public ? 'none' : 'client_secret_basic') })));
    });
  }

  // ---- issuers -----------------------------------------------------------------------------

  // The default issuer's control API is /__authfault; a tenant's is /{name}/__authfault.
  function renderIssuers(tenants) {
    var body = $('issuers').tBodies[0];
    body.replaceChildren();
    var own = base === '/__authfault' ? undefined : base.split('/')[1];
    var rows = [{ name: '(default)', issuer: own === undefined ? data.issuer : undefined, admin: location.origin + '/__authfault' }].concat(tenants);
    rows.forEach(function (t) {
      var here = (t.name === '(default)' && own === undefined) || t.name === own;
      body.append(el('tr', { 'data-name': t.name },
        el('td', {}, el('code', { text: t.name })),
        el('td', {}, t.issuer === undefined ? 'the provider’s default issuer' : el('code', { text: t.issuer })),
        el('td', {}, here ? 'this page' : el('a', { href: t.admin, text: t.admin }))));
    });
  }

  function refreshIssuers() {
    return api('GET', '/tenants').then(function (r) { renderIssuers(r.tenants); }, function (e) { say(e.message); });
  }

  $('refresh-issuers').addEventListener('click', refreshIssuers);

  // ---- reset and live updates -------------------------------------------------------------

  $('reset').addEventListener('click', function () {
    api('POST', '/reset').then(function () {
      clearJournalRows();
      say('Reset: faults, journal, sessions, grants and tokens cleared.');
      return refreshFaults();
    }, function (e) { say(e.message); });
  });

  function listen() {
    var source = new EventSource(base + '/events?since=0');
    var on = function (name, handler) {
      source.addEventListener(name, function (event) { handler(JSON.parse(event.data)); });
    };
    on('journal', function (d) { upsertEntry(d.entry); });
    on('faults', function (d) { renderFaults(d.faults); });
    on('users', function (d) { renderUsers(d.users); });
    on('clients', function (d) { renderClients(d.clients); });
    on('journal-cleared', clearJournalRows);
    on('reset', clearJournalRows);
    on('ready', function () { $('live').textContent = 'live'; });
    source.addEventListener('error', function () { $('live').textContent = 'reconnecting…'; });
  }

  Promise.all([api('GET', '/kinds'), api('GET', '/users'), api('GET', '/clients')]).then(function (r) {
    kinds = r[0].kinds;
    renderKinds();
    renderUsers(r[1].users);
    renderClients(r[2].clients);
    listen();
    return refreshIssuers();
  }, function (e) { say('Could not load the control API: ' + e.message); });
})();
`;
