import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSuiteDir } from '../../harness/config/defaults.js';
import { loadConfig } from '../../harness/config/load.js';
import { fillTemplated } from '../../harness/config/placeholders.js';
import type { TargetConfig } from '../../harness/config/types.js';
import { formatIssue, type Issue } from '../../harness/util/issues.js';
import { lines, useTempFiles } from './temp-files.js';

const CONFIG = [
  'name: careful-app', // 1
  'target:', // 2
  '  command: node server.js', // 3
  '  env: { OIDC_ISSUER: "{issuer}", PORT: "{port}", DEBUG: 1 }', // 4
  '  ready: "{app}/health"', // 5
  'login:', // 6
  '  url: "{app}/login"', // 7
  'signed-in:', // 8
  '  text: Signed in as', // 9
  'pages:', // 10
  '  profile: "{app}/profile"', // 11
  'provider:', // 12
  '  clients:', // 13
  '    - client_id: demo-app', // 14
  '      redirect_uris: ["{app}/callback"]', // 15
];

function edit(replacements: Record<number, string | null>): string {
  return lines(...CONFIG.flatMap((line, i) => (replacements[i + 1] === null ? [] : [replacements[i + 1] ?? line])));
}

/** The issues a load throws, formatted; fails the test when it loads. */
async function issuesOf(file: string, cwd: string): Promise<string[]> {
  const error = await loadConfig(file, cwd).then(
    () => expect.unreachable('the config loaded'),
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'AUTHFAULT_CONFIG_INVALID' });
  return ((error as { details: Issue[] }).details).map(formatIssue);
}

const PLACEHOLDER_LIST = '{issuer}, {client.id}, {client.secret}, {redirect_uri}, {port}, {app}, {api}, {ca.path}, {idp.origin}, {admin}';

describe('loading a target config', () => {
  const files = useTempFiles();

  it('resolves a YAML config: defaults applied, paths absolute, placeholders kept for each worker', async () => {
    const cwd = await files({ 'app/authfault.config.yaml': lines(...CONFIG) });
    const dir = join(cwd, 'app');
    expect(await loadConfig('app/authfault.config.yaml', cwd)).toEqual<TargetConfig>({
      file: join(dir, 'authfault.config.yaml'),
      dir,
      name: 'careful-app',
      target: {
        kind: 'command',
        command: 'node server.js',
        cwd: dir,
        env: { OIDC_ISSUER: '{issuer}', PORT: '{port}', DEBUG: '1' },
        ready: { url: '{app}/health', timeoutMs: 30_000 },
        startupTimeoutMs: 30_000,
        startupRetries: 0,
      },
      login: { url: '{app}/login' },
      logout: { url: '{app}/logout' },
      signedIn: { text: 'Signed in as' },
      pages: { profile: '{app}/profile' },
      budgets: { pageMs: 70_000 },
      wording: {},
      provider: {
        clients: [expect.objectContaining({ client_id: 'demo-app', redirect_uris: ['{app}/callback'] }) as never],
      },
      scenarios: [bundledSuiteDir()],
    });
  });

  it('reads a logout click and an error rule; a status becomes a list', async () => {
    const cwd = await files({
      'authfault.config.yaml': edit({ 9: '  text: Signed in as\nlogout:\n  click: { role: button, name: Sign out }\nerror:\n  text: Sign-in failed\n  status: 4xx' }),
    });
    const config = await loadConfig('authfault.config.yaml', cwd);
    expect(config.logout).toEqual({ click: { role: 'button', name: 'Sign out' } });
    expect(config.error).toEqual({ text: 'Sign-in failed', status: ['4xx'] });
  });

  it('checks logout and error rules: one way to sign out, a rule that says something, status classes, placeholders', async () => {
    const cwd = await files({
      'authfault.config.yaml': edit({
        9: [
          '  text: Signed in as', // 9
          'logout:', // 10
          '  url: "{app}/signout"', // 11
          '  click: Sign out', // 12
          'error: {}', // 13
        ].join('\n'),
      }),
    });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      'authfault.config.yaml:11:3 logout: logout needs exactly one of url or click (allowed: url, click)',
      'authfault.config.yaml:13:8 error: error needs text, url or status (allowed: text, url, status)',
    ]);
    const more = await files({
      'authfault.config.yaml': edit({ 9: '  text: Signed in as\nlogout: { url: "{ap}/logout" }\nerror: { status: 4x }' }),
    });
    expect(await issuesOf('authfault.config.yaml', more)).toEqual([
      `authfault.config.yaml:10:16 logout.url: unknown placeholder "{ap}" — did you mean "{app}"? (allowed: ${PLACEHOLDER_LIST})`,
      'authfault.config.yaml:11:18 error.status: expected a status class such as "4xx", got "4x"',
    ]);
  });

  it('names an unknown placeholder where it is written, with a did-you-mean and the allowed list', async () => {
    const cwd = await files({ 'authfault.config.yaml': edit({ 4: '  env: { OIDC_ISSUER: "{isuer}", PORT: "{port}" }', 15: '      redirect_uris: ["{ap}/callback"]' }) });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      `authfault.config.yaml:4:23 target.env.OIDC_ISSUER: unknown placeholder "{isuer}" — did you mean "{issuer}"? (allowed: ${PLACEHOLDER_LIST})`,
      'authfault.config.yaml:15:23 provider.clients.0.redirect_uris.0: unknown placeholder "{ap}" — did you mean "{app}"? (allowed: {port}, {app})',
    ]);
  });

  it('reports a missing signed-in section at the top of the file', async () => {
    const cwd = await files({ 'authfault.config.yaml': edit({ 8: null, 9: null }) });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual(['authfault.config.yaml:1:1 signed-in: missing required key "signed-in" (a mapping)']);
  });

  it('reports every issue at once: unknown keys, conflicting choices, empty rules, provider keys', async () => {
    const cwd = await files({
      'authfault.config.yaml': edit({
        5: '  startup_timout_ms: 5000',
        7: '  url: "{app}/login"\n  click: Sign in',
        9: '  {}',
        14: '    - client_id: demo-app\n      grant_typs: []',
      }),
    });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      'authfault.config.yaml:5:3 target.startup_timout_ms: unknown key "startup_timout_ms" — did you mean "startup_timeout_ms"? (allowed: command, cwd, env, ready, url, startup_timeout_ms, startup_retries)',
      'authfault.config.yaml:7:3 login: login needs exactly one of url or click (allowed: url, click)',
      'authfault.config.yaml:10:3 signed-in: signed-in needs text, url or cookie (allowed: text, url, cookie)',
      'authfault.config.yaml:16:7 provider.clients.0.grant_typs: unknown key "grant_typs" — did you mean "grant_types"? (allowed: client_id, client_secret, public, redirect_uris, post_logout_redirect_uris, any_loopback_redirect_uri, grant_types, token_endpoint_auth_method, require_consent, scope)',
    ]);
  });

  it('positions issues in a JSON config', async () => {
    const cwd = await files({
      'authfault.config.json': lines(
        '{', // 1
        '  "target": { "url": "http://127.0.0.1:3000" },', // 2
        '  "login": { "click": { "role": "link", "name": "Sign in" } },', // 3
        '  "signed-in": { "cookie": 7 },', // 4
        '  "provider": { "users": [] }', // 5
        '}', // 6
      ),
    });
    expect(await issuesOf('authfault.config.json', cwd)).toEqual(['authfault.config.json:4:28 signed-in.cookie: expected a string, got 7']);
  });

  it('asks for a fixed provider port when the app is already running', async () => {
    const cwd = await files({
      'authfault.config.json': JSON.stringify({ target: { url: 'http://127.0.0.1:3000' }, login: { url: '/login' }, 'signed-in': { cookie: 'sid' }, provider: {} }, null, 2),
    });
    expect(await issuesOf('authfault.config.json', cwd)).toEqual([
      'authfault.config.json:11:15 provider.port: with target.url (an app already running), set provider.port to the port of the issuer the app was configured with',
    ]);
  });

  it.each([
    ['outside an ESM package', {}],
    ['inside a "type": "module" package', { 'package.json': '{ "type": "module" }' }],
  ])('loads a .ts config with type annotations (%s)', async (_, extra) => {
    const cwd = await files({
      ...extra,
      'scenarios/mine.yaml': '',
      'authfault.config.ts': lines(
        'interface Rule { text: string }',
        'const signedIn: Rule = { text: "Signed in as" };',
        'export default {',
        '  target: { url: "http://127.0.0.1:3000", startup_timeout_ms: 500 },',
        '  login: { click: { role: "link", name: "Sign in" } },',
        '  "signed-in": signedIn,',
        '  provider: { port: 4000 },',
        '  scenarios: ["scenarios"],',
        '} satisfies Record<string, unknown>;',
      ),
    });
    const config = await loadConfig('authfault.config.ts', cwd);
    expect(config).toMatchObject({
      name: cwd.split('/').at(-1),
      target: { kind: 'url', url: 'http://127.0.0.1:3000', ready: { url: 'http://127.0.0.1:3000', timeoutMs: 500 }, startupTimeoutMs: 500 },
      login: { click: { role: 'link', name: 'Sign in' } },
      signedIn: { text: 'Signed in as' },
      provider: { port: 4000 },
      scenarios: [join(cwd, 'scenarios')],
    });
  });

  it('reports issues of a .ts config by path, at 1:1', async () => {
    const cwd = await files({
      'authfault.config.ts': lines('const port: number = 0;', 'export default { target: { command: "node app.js", url: "http://127.0.0.1:1" }, login: { url: "{app}/login" }, "signed-in": { txt: "Hi" }, pages: { me: "{apps}/me" }, provider: { port } };'),
    });
    expect(await issuesOf('authfault.config.ts', cwd)).toEqual([
      'authfault.config.ts:1:1 target: target has both command and url; use command to let authfault start the app, or url for one already running (allowed: command, url)',
      'authfault.config.ts:1:1 signed-in.txt: unknown key "txt" — did you mean "text"? (allowed: text, url, cookie)',
      'authfault.config.ts:1:1 signed-in: signed-in needs text, url or cookie (allowed: text, url, cookie)',
      'authfault.config.ts:1:1 provider.port: with target.url (an app already running), set provider.port to the port of the issuer the app was configured with',
      `authfault.config.ts:1:1 pages.me: unknown placeholder "{apps}" — did you mean "{app}"? (allowed: ${PLACEHOLDER_LIST})`,
    ]);
  });

  it('reports a module config without a default export', async () => {
    const cwd = await files({ 'authfault.config.mjs': 'export const config = {};\n' });
    expect(await issuesOf('authfault.config.mjs', cwd)).toEqual(['authfault.config.mjs:1:1 a module config must `export default` the config object']);
  });

  it('names the missing file and how to create one', async () => {
    const cwd = await files({});
    await expect(loadConfig('authfault.config.yaml', cwd)).rejects.toMatchObject({
      code: 'AUTHFAULT_CONFIG_NOT_FOUND',
      message: 'no target config at authfault.config.yaml; create one with `authfault init`, or name another with --config',
    });
  });

  it('reads budgets as milliseconds, from a number or a duration, and refuses what is neither', async () => {
    const cwd = await files({ 'a.yaml': lines(...CONFIG, 'budgets: { page: 12.5s }'), 'b.yaml': lines(...CONFIG, 'budgets: { page: 1500 }'), 'c.yaml': lines(...CONFIG, 'budgets: { page: 10 sec }') });
    expect((await loadConfig('a.yaml', cwd)).budgets).toEqual({ pageMs: 12_500 });
    expect((await loadConfig('b.yaml', cwd)).budgets).toEqual({ pageMs: 1500 });
    expect(await issuesOf('c.yaml', cwd)).toEqual(['c.yaml:16:18 budgets.page: expected a duration such as "10s", "500ms" or "2m", got "10 sec"']);
  });

  it('refuses a placeholder a field cannot know: {issuer} in a redirect URI, at its line and column', async () => {
    const cwd = await files({ 'authfault.config.yaml': edit({ 15: '      redirect_uris: ["{issuer}/callback"]' }) });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      `authfault.config.yaml:15:23 provider.clients.0.redirect_uris.0: "{issuer}" is not known here: the provider's clients are registered before the provider starts, so a redirect URI can name the app ({port}, {app}) but nothing of the provider's (allowed: {port}, {app})`,
    ]);
  });

  it('refuses redirect URIs that are not URLs once filled, or have a fragment (RFC 6749 §3.1.2), each at its line', async () => {
    const cwd = await files({ 'authfault.config.yaml': edit({ 15: '      redirect_uris: ["{app}/callback#done", "callback"]' }) });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      'authfault.config.yaml:15:23 provider.clients.0.redirect_uris.0: "{app}/callback#done" (filled: "http://127.0.0.1:41000/callback#done") has a fragment ("#done"), which a redirect URI must not have (RFC 6749 §3.1.2)',
      'authfault.config.yaml:15:46 provider.clients.0.redirect_uris.1: "callback" is not an absolute URL such as http://localhost:3000/callback (RFC 6749 §3.1.2)',
    ]);
  });

  it('refuses a target folder and scenario paths that do not exist, where they are written', async () => {
    const cwd = await files({ 'authfault.config.yaml': lines(...CONFIG.slice(0, 3), '  cwd: app', ...CONFIG.slice(3), 'scenarios: [mine, ./also-mine.yaml]') });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      `authfault.config.yaml:4:8 target.cwd: no folder "app" (resolved from this file's folder to ${join(cwd, 'app')}); the command would not start`,
      `authfault.config.yaml:17:13 scenarios.0: no file or folder "mine" (resolved from this file's folder to ${join(cwd, 'mine')})`,
      `authfault.config.yaml:17:19 scenarios.1: no file or folder "./also-mine.yaml" (resolved from this file's folder to ${join(cwd, 'also-mine.yaml')})`,
    ]);
  });

  it('refuses a public client with a secret: it would send none, and the app would be told one', async () => {
    const cwd = await files({ 'authfault.config.yaml': lines(...CONFIG, '      public: true', '      client_secret: s3cret-s3cret') });
    expect(await issuesOf('authfault.config.yaml', cwd)).toEqual([
      'authfault.config.yaml:14:7 provider.clients.0: a public client (public: true) has no secret: remove client_secret, or public for a confidential client',
    ]);
  });

  it('fills only the templated fields: a mock API route keeps its own {sub} for each call', async () => {
    const cwd = await files({
      'authfault.config.yaml': lines(...CONFIG, '  api:', '    routes:', '      - { path: /me, response: { sub: "{sub}", app: "{app}" } }'),
    });
    const config = await loadConfig('authfault.config.yaml', cwd);
    const filled = fillTemplated(config.provider, ['provider'], { port: '41000', app: 'http://127.0.0.1:41000' }, config.file);
    expect(filled.clients?.[0]?.redirect_uris).toEqual(['http://127.0.0.1:41000/callback']);
    expect(filled.api?.routes?.[0]?.response).toEqual({ sub: '{sub}', app: '{app}' });
  });
});
