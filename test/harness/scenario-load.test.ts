import { describe, expect, it } from 'vitest';
import { isAuthfaultError, kindNames } from '../../mock-provider/index.js';
import { loadScenarioFile, loadScenarios } from '../../harness/language/load.js';
import type { Scenario } from '../../harness/scenario/types.js';
import type { TypedScenario } from '../helpers/typed-scenario.js';
import { formatIssue, formatIssues, throwIfIssues } from '../../harness/util/issues.js';
import { lines, useTempFiles } from './temp-files.js';

/** A valid scenario; line numbers in the comments are those of the file. */
const VALID = [
  '# yaml-language-server: $schema=../schema.json', // 1
  'id: state-tampered', // 2
  'title: A tampered state is refused', // 3
  'category: oauth-flow', // 4
  'severity: must', // 5
  'references: [RFC 6749 §10.12]', // 6
  'faults:', // 7
  '  - kind: state.tampered', // 8
  'steps:', // 9
  '  - login: alice', // 10
  'expect:', // 11
  '  app: refused', // 12
  '  idp:', // 13
  '    - no-request: token', // 14
];

/** VALID with line `n` (1-based) replaced by `text`. */
function withLine(n: number, ...text: string[]): string {
  return lines(...VALID.slice(0, n - 1), ...text, ...VALID.slice(n));
}

/** VALID with some lines (1-based) replaced. */
function edit(replacements: Record<number, string>): string {
  return lines(...VALID.map((line, i) => replacements[i + 1] ?? line));
}

/** The registry grows; the list in messages is whatever it holds. */
const KINDS = kindNames().join(', ');
const STEP_NAMES = ['login', 'logout', 'goto', 'visit', 'click', 'fill', 'expect', 'wait-for', 'parallel', 'replay-callback', 'reload', 'wait', 'set-faults', 'clear-faults'];
const IDP_NAMES = ['no-request', 'count', 'retry-after-honored', 'tls-refused', 'single-flight-refresh', 'order', 'pkce', 'pkce-s256', 'no-code-reuse', 'no-refresh-token-reuse', 'gave-up-within'];

describe('loading scenario files: issues a person can act on', () => {
  const files = useTempFiles();

  async function issuesOf(text: string, options: { pages?: string[] } = {}) {
    const cwd = await files({ 'x.yaml': text });
    const { scenarios, issues } = await loadScenarios(['x.yaml'], cwd, options);
    expect(scenarios).toEqual([]);
    return issues;
  }

  it('loads the valid scenario without issues', async () => {
    const cwd = await files({ 'x.yaml': lines(...VALID) });
    const { scenarios, issues } = await loadScenarios(['x.yaml'], cwd);
    expect(issues).toEqual([]);
    expect(scenarios.map((s) => s.id)).toEqual(['state-tampered']);
  });

  it('points at an unknown top-level key, with a did-you-mean, and at the mapping missing the key', async () => {
    const issues = await issuesOf(withLine(3, 'ttile: A tampered state is refused'));
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:2:1 title: missing required key "title" (a string)',
      'x.yaml:3:1 ttile: unknown key "ttile" — did you mean "title"? (allowed: id, title, category, severity, references, spec, requires, description, why, driver, fresh-app, faults, steps, expect)',
    ]);
    expect(issues[1]).toMatchObject({ code: 'UNKNOWN_KEY', suggestion: 'title' });
  });

  it('lists the allowed values of an enum', async () => {
    const issues = await issuesOf(withLine(4, 'category: oauth'));
    expect(issues).toEqual([
      {
        code: 'INVALID_VALUE',
        file: 'x.yaml',
        line: 4,
        column: 11,
        path: 'category',
        message: 'invalid value "oauth"',
        expected: 'one of tokens, credentials, oauth-flow, tls, rate-limits, network, clock, permissions',
        allowed: ['tokens', 'credentials', 'oauth-flow', 'tls', 'rate-limits', 'network', 'clock', 'permissions'],
      },
    ]);
  });

  it('says what type was expected and what was found', async () => {
    const issues = await issuesOf(withLine(6, 'references: RFC 6749'));
    expect(issues.map(formatIssue)).toEqual(['x.yaml:6:13 references: expected a list, got "RFC 6749"']);
  });

  it('reports an unknown fault kind with the registry’s suggestion', async () => {
    const issues = await issuesOf(withLine(8, '  - kind: state.tamperd'));
    expect(issues.map(formatIssue)).toEqual([
      `x.yaml:8:11 faults.0.kind: unknown fault kind "state.tamperd" — did you mean "state.tampered"? (\`authfault faults\` lists every kind)`,
    ]);
    expect(issues[0]).toMatchObject({ code: 'FAULT_UNKNOWN_KIND', suggestion: 'state.tampered' });
  });

  it('reports an unknown fault parameter where the key is written', async () => {
    const issues = await issuesOf(withLine(8, '  - kind: token.expired', '    tokne: id_token'));
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:9:5 faults.0.tokne: unknown key "tokne" — did you mean "token"? (allowed: token, by_s, kind, when)',
    ]);
  });

  it('reports a fault endpoint its kind does not support', async () => {
    const issues = await issuesOf(withLine(8, '  - kind: token.expired', '    when: { endpoint: authorize }'));
    expect(issues).toEqual([
      {
        code: 'FAULT_POINT_UNSUPPORTED',
        file: 'x.yaml',
        line: 9,
        column: 23,
        path: 'faults.0.when.endpoint',
        message: 'token.expired cannot apply at authorize',
        allowed: ['token'],
      },
    ]);
  });

  it('reports an unclosed quote where it opens, not at the end of the file where yaml gave up', async () => {
    const issues = await issuesOf(withLine(3, 'title: "A tampered state'));
    expect(issues.map(formatIssue)).toEqual(['x.yaml:3:8 invalid YAML: a quoted string opened here is never closed: end it with "']);
    expect(issues[0]!.code).toBe('YAML_SYNTAX');
    expect((await issuesOf(withLine(6, "references: ['RFC 6749"))).map(formatIssue)).toEqual(["x.yaml:6:14 invalid YAML: a quoted string opened here is never closed: end it with '"]);
  });

  it('names a duplicate key', async () => {
    expect((await issuesOf(withLine(4, 'category: oauth-flow', 'title: Another title'))).map(formatIssue)).toEqual([
      'x.yaml:5:1 invalid YAML: the key "title" appears twice in one mapping; keep one',
    ]);
  });

  it('refuses an alias bomb, an oversized file and an oversized title with a clear message, not an internal error', async () => {
    const level = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(of).join(', ')}]`;
    const bomb = lines(...VALID, level('a', '"x"'), ...'bcdefgh'.split('').map((n, i) => level(n, `*${'abcdefgh'[i]}`)));
    const [aliases] = await issuesOf(bomb);
    expect(aliases).toMatchObject({ code: 'TOO_MANY_ALIASES', line: 16, column: 8 });
    expect(formatIssue(aliases!)).toBe("x.yaml:16:8 the file's YAML aliases (*name) nest into an expansion too large to read; a config or scenario file has no need of them");

    const many = lines(...VALID, 'x: &x 1', `y: [${Array(101).fill('*x').join(', ')}]`);
    expect((await issuesOf(many)).map(formatIssue)).toEqual(['x.yaml:16:5 the file uses 101 YAML aliases (*name); at most 100 are read, so that a file cannot expand without end']);

    expect((await issuesOf(withLine(3, `title: ${'t'.repeat(300 * 1024)}`))).map(formatIssue)).toEqual(['x.yaml:1:1 the file is 300 KiB; a config or scenario file may be at most 256 KiB']);
    expect((await issuesOf(withLine(3, `title: ${'t'.repeat(201)}`))).map(formatIssue)).toEqual(['x.yaml:3:8 title: must be at most 200 characters long']);
  });

  it('reports an empty file', async () => {
    const issues = await issuesOf('# nothing yet\n');
    expect(issues.map(formatIssue)).toEqual(['x.yaml:1:1 the file is empty; a scenario needs id, title, category, severity, steps and expect']);
  });

  it('decodes each step by its key: unknown steps, two keys in one item, a bare word', async () => {
    const issues = await issuesOf(
      withLine(10, '  - clik: { text: Sign in }', '  - goto: /x', '    visit: profile', '  - visit', '  - goto: profile'),
    );
    expect(issues.map(formatIssue)).toEqual([
      // More than a dozen steps: the message leaves the list out, the issue keeps it.
      `x.yaml:10:5 steps.0.clik: unknown step "clik" — did you mean "click"? (allowed: ${STEP_NAMES.join(', ')})`,
      'x.yaml:12:5 steps.1.visit: a step has one key, but this one also has "visit"; start each step with "- "',
      `x.yaml:13:5 steps.2: expected a step: a mapping with one key, such as "login: alice"; got "visit" (allowed: ${STEP_NAMES.join(', ')})`,
      'x.yaml:14:11 steps.3.goto: expected a path starting with "/" or an http(s) URL, got "profile"',
    ]);
    expect(issues[0]).toMatchObject({ code: 'UNKNOWN_STEP', allowed: STEP_NAMES, suggestion: 'click' });
  });

  it('suggests the step a common synonym stands for, and what a step takes when its value has the wrong type', async () => {
    const issues = await issuesOf(withLine(10, '  - signin: alice', '  - wait: 3', '  - fill: 3'));
    expect(issues.map(formatIssue)).toEqual([
      `x.yaml:10:5 steps.0.signin: unknown step "signin" — did you mean "login"? (allowed: ${STEP_NAMES.join(', ')})`,
      'x.yaml:11:11 steps.1.wait: expected a mapping (keys: ms, seconds, until, timeout_ms), got 3',
      'x.yaml:12:11 steps.2.fill: expected a mapping (keys: label, value), got 3',
    ]);
    expect(issues[0]).toMatchObject({ code: 'UNKNOWN_STEP', suggestion: 'login' });
  });

  it('checks what follows a step’s key with that step’s schema alone', async () => {
    const issues = await issuesOf(
      withLine(10, '  - click: { role: button, text: Sign out }', '  - fill: { label: Username }', '  - expect: {}', '  - expect: { url: "/a(/" }', '  - click: { rol: button }'),
    );
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:10:12 steps.0.click: use one way to find the element: role/name, text or selector, not several (allowed: role, name, text, selector)',
      'x.yaml:11:11 steps.1.fill.value: missing required key "value" (a string)',
      'x.yaml:12:13 steps.2.expect: expect needs text or url (allowed: text, url)',
      'x.yaml:13:20 steps.3.expect.url: invalid regular expression: Invalid regular expression: /a(/: Unterminated group',
      'x.yaml:14:12 steps.4.click: a click target needs role (with an optional name), name, text or selector (allowed: role, name, text, selector)',
      'x.yaml:14:14 steps.4.click.rol: unknown key "rol" — did you mean "role"? (allowed: role, name, text, selector)',
    ]);
  });

  it('checks idp expectations: endpoints, counts that cannot hold, grant_type off the token endpoint', async () => {
    const issues = await issuesOf(
      withLine(14, '    - no-request: tokn', '    - count: { endpoint: token, min: 3, max: 1 }', '    - count: { endpoint: userinfo, grant_type: refresh_token, max: 1 }', '    - nothing-sent: token'),
    );
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:14:19 expect.idp.0.no-request: invalid value "tokn" — did you mean "token"? (allowed: discovery, jwks, authorize, interaction, token, userinfo, introspection, revocation, end_session, api)',
      'x.yaml:15:38 expect.idp.1.count.min: min (3) is greater than max (1); no count can satisfy both',
      'x.yaml:16:48 expect.idp.2.count.grant_type: grant_type only applies to the token endpoint, not userinfo',
      `x.yaml:17:7 expect.idp.3.nothing-sent: unknown idp expectation "nothing-sent" (allowed: ${IDP_NAMES.join(', ')})`,
    ]);
  });

  it('reads the quoted sentences under spec:, and refuses an expectation that names one the scenario lacks', async () => {
    const QUOTE = 'When using the Authorization Code Flow, the Client MUST validate the response according to RFC 6749, especially Sections 4.1.2 and 10.12.';
    const text = (ref: string, other: string) =>
      lines(
        ...VALID.slice(0, 6), // through references (line 6)
        'spec:', // 7
        '  validate-response:', // 8
        '    source: OIDC Core §3.1.2.7', // 9
        `    quote: ${QUOTE}`, // 10
        ...VALID.slice(6, 11), // faults … expect: (lines 11-15)
        '  app: { is: refused, severity: must, spec: validate-response }', // 16
        '  idp:', // 17
        `    - no-request: { endpoint: token, severity: must, spec: ${ref} }`, // 18
        `    - count: { endpoint: token, max: 1${other} }`, // 19
      );
    const cwd = await files({ 'x.yaml': text('validate-respons', ', spec: csrf'), 'ok.yaml': text('validate-response', '') });
    expect((await loadScenarios(['x.yaml'], cwd)).issues.map(formatIssue)).toEqual([
      'x.yaml:18:60 expect.idp.0.no-request.spec: no sentence "validate-respons" under the scenario\'s spec: — did you mean "validate-response"? (allowed: validate-response)',
      'x.yaml:19:47 expect.idp.1.count.spec: no sentence "csrf" under the scenario\'s spec: (the scenario\'s spec: names "validate-response") (allowed: validate-response)',
    ]);
    const { scenarios, issues } = await loadScenarios(['ok.yaml'], cwd);
    expect(issues).toEqual([]);
    expect(scenarios[0]!.spec).toEqual({ 'validate-response': { source: 'OIDC Core §3.1.2.7', quote: QUOTE } });
    expect(scenarios[0]!.expect.app[0]).toMatchObject({ type: 'app', state: 'refused', severity: 'must', spec: 'validate-response' });
    expect(scenarios[0]!.expect.idp.map((e) => [e.type, e.severity, e.spec])).toEqual([
      ['no-request', 'must', 'validate-response'],
      ['count', undefined, undefined],
    ]);
  });

  it('refuses a scenario that judges nothing', async () => {
    const issues = await issuesOf(lines(...VALID.slice(0, 10), 'expect:', '  idp: []'));
    expect(issues.map(formatIssue)).toEqual([
      'x.yaml:12:3 expect: expect needs at least one expectation (app, error-shown, …, or idp); a scenario must judge something (allowed: app, error-shown, no-crash, status, text, not-text, url, cookie, recovers-within, idp)',
    ]);
  });

  it('checks visited pages against the config’s pages, only when they are given', async () => {
    const text = withLine(10, '  - visit: profle');
    expect((await issuesOf(text, { pages: ['profile', 'burst'] })).map(formatIssue)).toEqual([
      'x.yaml:10:12 steps.0.visit: no page "profle" under pages: in the target config — did you mean "profile"? (allowed: profile, burst)',
    ]);
    const cwd = await files({ 'x.yaml': text });
    expect((await loadScenarios(['x.yaml'], cwd)).issues).toEqual([]);
  });

  it('loads a scenario that visits a page the config lacks, with a warning that it will be skipped, and fresh-app', async () => {
    // Not a typo of a page the config has: the app has no such page, so the scenario is skipped, not refused.
    const cwd = await files({ 'x.yaml': withLine(10, '  - login: alice', '  - parallel: { visit: burst, n: 5 }', '  - visit: orders', 'fresh-app: true') });
    const eoc = await loadScenarios(['x.yaml'], cwd, { pages: ['profile'] });
    expect(eoc.issues).toEqual([]);
    expect(eoc.scenarios.map((s) => [s.id, s.freshApp])).toEqual([['state-tampered', true]]);
    expect(eoc.warnings.map((w) => [w.code, formatIssue(w)])).toEqual([
      ['PAGE_NOT_CONFIGURED', 'x.yaml:11:24 steps.1.parallel.visit: needs page "burst": add it under pages: in the target config (the target config names "profile"); the scenario is skipped against this config'],
      ['PAGE_NOT_CONFIGURED', 'x.yaml:12:12 steps.2.visit: needs page "orders": add it under pages: in the target config (the target config names "profile"); the scenario is skipped against this config'],
    ]);
    const none = await loadScenarios(['x.yaml'], cwd, { pages: [] });
    expect(none.issues).toEqual([]);
    expect(none.warnings.map(formatIssue)[1]).toBe('x.yaml:12:12 steps.2.visit: needs page "orders": add it under pages: in the target config (the target config names no pages); the scenario is skipped against this config');
    // Without a config, pages are not checked at all.
    expect((await loadScenarios(['x.yaml'], cwd)).warnings).toEqual([]);
  });

  it('reports every issue of every file together, sorted by file and position', async () => {
    const cwd = await files({
      'suite/b.yaml': edit({ 2: 'id: b', 5: 'severity: must-have' }),
      'suite/a.yaml': edit({ 2: 'id: a', 8: '  - kind: token.expird' }),
      'suite/nested/c.yaml': edit({ 2: 'id: c', 4: 'category: oauth-flow\nextra: 1' }),
      'suite/ok.yaml': withLine(2, 'id: fine'),
    });
    const { scenarios, issues } = await loadScenarios(['suite'], cwd);
    expect(scenarios.map((s) => s.id)).toEqual(['fine']);
    expect(formatIssues(issues)).toBe(
      [
        `suite/a.yaml:8:11 faults.0.kind: unknown fault kind "token.expird" — did you mean "token.expired"? (\`authfault faults\` lists every kind)`,
        'suite/b.yaml:5:11 severity: invalid value "must-have" (allowed: must, should, may)',
        'suite/nested/c.yaml:5:1 extra: unknown key "extra" (allowed: id, title, category, severity, references, spec, requires, description, why, driver, fresh-app, faults, steps, expect)',
        '3 issues in 3 files',
      ].join('\n'),
    );
  });

  it('reports an id used by two files at both places', async () => {
    const cwd = await files({ 'one.yaml': lines(...VALID), 'two/dup.yaml': lines(...VALID) });
    const { issues } = await loadScenarios(['.'], cwd);
    expect(issues.map(formatIssue)).toEqual([
      'one.yaml:2:5 id: duplicate scenario id "state-tampered", also used at two/dup.yaml:2:5; ids must be unique',
      'two/dup.yaml:2:5 id: duplicate scenario id "state-tampered", also used at one.yaml:2:5; ids must be unique',
    ]);
  });

  it('finds *.yaml and *.yml under folders in a stable order, skipping dotfiles, other files and dot-folders', async () => {
    const cwd = await files({
      'suite/z.yml': withLine(2, 'id: z'),
      'suite/a/b.yaml': withLine(2, 'id: b'),
      'suite/a.yaml': withLine(2, 'id: a'),
      'suite/.draft.yaml': 'not: a scenario',
      'suite/.cache/x.yaml': 'not: a scenario',
      'suite/schema.json': '{}',
      'suite/notes.md': '# notes',
      'single.yml': withLine(2, 'id: single'),
    });
    const { scenarios, issues } = await loadScenarios(['suite', 'single.yml'], cwd);
    expect(issues).toEqual([]);
    expect(scenarios.map((s) => s.file)).toEqual(['single.yml', 'suite/a.yaml', 'suite/a/b.yaml', 'suite/z.yml']);
  });

  it('reports a missing path and a folder without scenarios instead of running nothing', async () => {
    const cwd = await files({ 'empty/readme.md': 'no scenarios here' });
    const { issues } = await loadScenarios(['missing', 'empty'], cwd);
    expect(issues.map(formatIssue)).toEqual(['empty no *.yaml or *.yml scenario files in this folder', 'missing no such file or folder']);
  });

  it('raises every issue as one AuthfaultError with a stable code', async () => {
    const issues = await issuesOf(withLine(4, 'category: oauth'));
    let thrown: unknown;
    try {
      throwIfIssues('AUTHFAULT_SCENARIO_INVALID', issues);
    } catch (error) {
      thrown = error;
    }
    expect(isAuthfaultError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: 'AUTHFAULT_SCENARIO_INVALID',
      details: issues,
      message: `scenario files are invalid:\n${formatIssues(issues)}`,
    });
    expect(() => throwIfIssues('AUTHFAULT_SCENARIO_INVALID', [])).not.toThrow();
  });
});

describe('a valid scenario normalises to the runner’s model', () => {
  const files = useTempFiles();

  it('turns every step and expectation form into typed, titled, positioned objects', async () => {
    const cwd = await files({
      'scenarios/all.yaml': lines(
        'id: all-forms', // 1
        'title: Every step form', // 2
        'category: tokens', // 3
        'severity: should', // 4
        'description: Longer text.', // 5
        'faults:', // 6
        '  - kind: token.expired', // 7
        '    token: access_token', // 8
        '    when: { times: 1 }', // 9
        'steps:', // 10
        '  - login: {}', // 11
        '  - login: { user: bob }', // 12
        '  - goto: /some/path', // 13
        '  - visit: profile', // 14
        '  - click: { role: button, name: Sign out }', // 15
        '  - click: Sign in', // 16
        '  - fill: { label: Username, value: bob }', // 17
        '  - expect: { text: "Signed in as", url: "/profile/" }', // 18
        'expect:', // 19
        '  app: signed-in', // 20
        '  idp:', // 21
        '    - no-request: token', // 22
        '    - count: { endpoint: token, grant_type: authorization_code, min: 1, max: 3 }', // 23
        '    - retry-after-honored: token', // 24
        '    - retry-after-honored: {}', // 25
      ),
    });
    const { scenario, issues } = await loadScenarioFile('scenarios/all.yaml', { cwd, pages: ['profile'] });
    expect(issues).toEqual([]);
    const at = (line: number, column: number) => ({ file: 'scenarios/all.yaml', line, column });
    expect(scenario).toEqual<TypedScenario>({
      id: 'all-forms',
      title: 'Every step form',
      category: 'tokens',
      severity: 'should',
      references: [],
      spec: {},
      description: 'Longer text.',
      faults: [{ kind: 'token.expired', params: { token: 'access_token', by_s: 360 }, when: { times: 1 } }],
      steps: [
        { type: 'login', title: 'login as the default user', loc: at(11, 5) },
        { type: 'login', user: 'bob', title: 'login as bob', loc: at(12, 5) },
        { type: 'goto', url: '/some/path', title: 'go to /some/path', loc: at(13, 5) },
        { type: 'visit', page: 'profile', title: 'visit profile', loc: at(14, 5) },
        { type: 'click', target: { role: 'button', name: 'Sign out' }, title: 'click button "Sign out"', loc: at(15, 5) },
        { type: 'click', target: { text: 'Sign in' }, title: 'click "Sign in"', loc: at(16, 5) },
        { type: 'fill', label: 'Username', value: 'bob', title: 'fill "Username" with "bob"', loc: at(17, 5) },
        { type: 'expect', text: 'Signed in as', url: '/profile/', title: 'expect text "Signed in as" and URL /profile/', loc: at(18, 5) },
      ],
      expect: {
        app: [{ type: 'app', state: 'signed-in', loc: at(20, 8) }],
        idp: [
          { type: 'no-request', endpoint: 'token', loc: at(22, 7) },
          { type: 'count', endpoint: 'token', grant_type: 'authorization_code', min: 1, max: 3, loc: at(23, 7) },
          { type: 'retry-after-honored', endpoint: 'token', loc: at(24, 7) },
          { type: 'retry-after-honored', loc: at(25, 7) },
        ],
      },
      file: 'scenarios/all.yaml',
      loc: at(1, 1),
    });
  });
});
