import { describe, expect, it } from 'vitest';
import { fillPlaceholders, placeholderIssues, PLACEHOLDERS } from '../../harness/config/placeholders.js';
import { formatIssue } from '../../harness/util/issues.js';

const VALUES = { issuer: 'http://127.0.0.1:4000/default', 'client.id': 'demo-app', port: '41000', app: 'http://127.0.0.1:41000' };
const WHERE = { file: 'authfault.config.yaml', path: 'target.command', line: 3, column: 12 };

describe('placeholders in the target config', () => {
  it('fills {name} and {dotted.name}, anywhere and more than once', () => {
    expect(fillPlaceholders('node app.js --issuer {issuer} --client {client.id} --port {port} # {port}', VALUES, WHERE)).toBe(
      'node app.js --issuer http://127.0.0.1:4000/default --client demo-app --port 41000 # 41000',
    );
  });

  it('reads {{ as a literal brace and leaves a lone } alone', () => {
    expect(fillPlaceholders('{{"url": "{app}"}', VALUES, WHERE)).toBe('{"url": "http://127.0.0.1:41000"}');
    expect(fillPlaceholders('{{app}', VALUES, WHERE)).toBe('{app}');
  });

  it('throws AUTHFAULT_CONFIG_INVALID for an unknown placeholder, with a did-you-mean and what is allowed', () => {
    let thrown: unknown;
    try {
      fillPlaceholders('{app}/cb?c={client.ids}', VALUES, WHERE);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'AUTHFAULT_CONFIG_INVALID',
      details: [
        {
          code: 'UNKNOWN_PLACEHOLDER',
          file: 'authfault.config.yaml',
          line: 3,
          column: 12,
          path: 'target.command',
          message: 'unknown placeholder "{client.ids}" — did you mean "{client.id}"?',
          allowed: ['{issuer}', '{client.id}', '{port}', '{app}'],
          suggestion: '{client.id}',
        },
      ],
    });
  });

  it('refuses a brace that starts no placeholder, rather than passing it on half-written', () => {
    const issues = placeholderIssues('{app/login and { x } and {"a":1}', PLACEHOLDERS, { file: 'c.yaml', path: 'login.url' });
    expect(issues.map(formatIssue)).toEqual([
      'c.yaml:1:1 login.url: "{app/login and " has no closing "}"; write "{{" for a literal brace',
      'c.yaml:1:1 login.url: "{ x }" is not a placeholder; write "{{" for a literal brace',
      'c.yaml:1:1 login.url: "{"a":1}" is not a placeholder; write "{{" for a literal brace',
    ]);
    expect(placeholderIssues('{app', PLACEHOLDERS, { file: 'c.yaml', path: 'login.url' }).map(formatIssue)).toEqual([
      'c.yaml:1:1 login.url: "{app" has no closing "}"; write "{{" for a literal brace',
    ]);
  });

  it('knows every value the harness provides', () => {
    expect(PLACEHOLDERS).toEqual(['issuer', 'client.id', 'client.secret', 'redirect_uri', 'port', 'app', 'api', 'ca.path', 'idp.origin', 'admin']);
  });
});
