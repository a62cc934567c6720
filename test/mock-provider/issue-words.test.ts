import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { didYouMean, formatIssue, issuesFromZod, listKinds, parseFault, providerConfigSchema } from '../../mock-provider/common.js';
import { userSchema } from '../../mock-provider/config/schema.js';

/** zod's own phrasing: "Invalid input: expected number, received string", "Too small: expected number to be >=1" … */
const RAW_ZOD = /Invalid (input|option|string|union|type|key|element|value)|Too (small|big)|received \w+|expected (number|string|boolean|array|object) to|"\|"/;

/** Values of every JSON type but the one a parameter takes, so each schema meets a wrong one. */
const WRONG = [true, 123.5, -1, 'zz-not-a-value', [], { nested: 1 }, null];

function messages(raw: unknown): string[] {
  const parsed = parseFault(raw);
  return parsed.ok ? [] : parsed.issues.map(formatIssue);
}

describe('no schema-library wording reaches a person', () => {
  const kinds = listKinds().map((k) => ({ kind: k.kind, params: Object.keys((k.params as unknown as z.ZodObject).shape ?? {}) }));

  it.each(kinds)('$kind: every parameter given every wrong type is refused in our words', ({ kind, params }) => {
    for (const param of params) {
      for (const value of WRONG) {
        for (const message of messages({ kind, [param]: value })) expect({ param, value, message }).not.toMatchObject({ message: expect.stringMatching(RAW_ZOD) });
      }
    }
  });

  it('the envelope, given every wrong type for every key', () => {
    for (const key of ['endpoint', 'client', 'nth', 'times', 'probability', 'after_ms', 'route', 'tims']) {
      for (const value of WRONG) {
        for (const message of messages({ kind: 'rate-limit', when: { [key]: value } })) expect({ key, value, message }).not.toMatchObject({ message: expect.stringMatching(RAW_ZOD) });
      }
    }
    for (const value of WRONG) expect(messages({ kind: 'rate-limit', when: value }).join()).not.toMatch(RAW_ZOD);
  });

  it('the provider config and a user, given every wrong type for every key', () => {
    for (const [schema, keys] of [
      [providerConfigSchema, Object.keys(providerConfigSchema.shape)],
      [userSchema, Object.keys(userSchema.shape)],
    ] as const) {
      for (const key of keys) {
        for (const value of WRONG) {
          const input = { id: 'u', [key]: value };
          const parsed = schema.safeParse(input);
          if (parsed.success) continue;
          for (const issue of issuesFromZod(parsed.error, schema, input)) expect({ key, value, message: formatIssue(issue) }).not.toMatchObject({ message: expect.stringMatching(RAW_ZOD) });
        }
      }
    }
  });

  it('says what a mapping may hold when something else was given', () => {
    expect(messages({ kind: 'rate-limit', when: 3 })).toEqual(['when: expected a mapping (keys: endpoint, client, nth, times, probability, after_ms, route), got 3']);
    expect(messages({ kind: 'rate-limit', when: { endpoint: 3 } })).toEqual([
      'when.endpoint: expected a string or a list, got 3 (allowed: discovery, jwks, authorize, interaction, token, userinfo, introspection, revocation, end_session, api, transport)',
    ]);
  });

  it('lists allowed values once, after the message', () => {
    expect(messages({ kind: 'rate-limit', per: 'clint' })).toEqual(['per: invalid value "clint" — did you mean "client"? (allowed: all, client, ip)']);
    expect(messages({ kind: 'state.tampered', when: { endpoint: 'token' } })).toEqual(['when.endpoint: state.tampered cannot apply at token (allowed: authorize)']);
  });
});

describe('did you mean', () => {
  it('finds typos, and the word a common synonym stands for', () => {
    expect(didYouMean('clik', ['click', 'login'])).toBe('click');
    expect(didYouMean('signin', ['login', 'logout'])).toBe('login');
    expect(didYouMean('sign-out', ['login', 'logout'])).toBe('logout');
    expect(didYouMean('jwt.expired', ['token.expired', 'clock.skew'])).toBe('token.expired');
  });

  it('suggests a synonym only when its word is allowed, and nothing far away', () => {
    expect(didYouMean('signin', ['goto', 'visit'])).toBeUndefined();
    expect(didYouMean('completely-else', ['login', 'logout'])).toBeUndefined();
  });
});
