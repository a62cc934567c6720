import { z } from 'zod';
import { CATEGORIES } from '../../mock-provider/basics.js';
import { DRIVER_NAMES } from '../scenario/driver-name.js';
import { faultEditorSchema } from '../scenario/fault-schema.js';
import { SEVERITIES, SPEC_ID } from '../scenario/severity.js';
import { CAPABILITIES } from '../scenario/types.js';
import { singleKeySchema } from '../scenario/single-key.js';
import { oneOf } from '../util/one-of.js';
import { APP_EXPECTATIONS, type AnyAppExpectation } from '../verdict/app/index.js';
import { IDP_ENTRIES } from './expectations.js';
import { STEP_ENTRIES } from './steps.js';

/**
 * Lengths no real scenario comes near (the bundled ones: titles ≤ 121 characters, descriptions ≤
 * 800), which keep one pasted-in blob from filling every report that shows the scenario.
 */
export const SCENARIO_LIMITS = Object.freeze({ id: 100, title: 200, description: 4000, reference: 300 });

/**
 * The scenario file format, written once. Two schemas come out of it:
 *
 * - `scenarioSchema`, complete, for editors (scenarios/schema.json);
 * - `scenarioOutlineSchema`, the first decoding step, which leaves faults, steps and idp
 *   expectations as they are: each is then decoded by its own table (faults by mock-provider's
 *   parseFault), so an error names the one kind the person wrote instead of every kind that exists.
 */
function scenarioShape(items: { fault: z.ZodType; step: z.ZodType; expectation: z.ZodType }) {
  return z
    .strictObject({
      id: z
        .string()
        .max(SCENARIO_LIMITS.id)
        .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'lowercase letters, digits, "-" and "." such as "state-tampered"')
        .describe('Unique across the suite; names the scenario in reports and on the command line.'),
      title: z.string().min(1).max(SCENARIO_LIMITS.title).describe('One sentence: what a correct app does in this situation.'),
      category: z.enum(CATEGORIES).describe('The family of failure; reports group verdicts by it.'),
      severity: z
        .enum(SEVERITIES)
        .describe('From the spec’s own words: a failed `must` fails the run, `should` and `may` warn. Each expectation’s mapping form may set its own.'),
      references: z.array(z.string().min(1).max(SCENARIO_LIMITS.reference)).default([]).describe('Where the rule comes from: RFC sections, conformance test names.'),
      spec: z
        .record(
          z.string().regex(SPEC_ID, 'lowercase letters, digits and "-", such as "validate-response"'),
          z.strictObject({
            source: z.string().min(1).max(SCENARIO_LIMITS.reference).describe('Where the sentence stands: "OIDC Core §3.1.2.7", "RFC 6749 §10.12".'),
            quote: z.string().min(1).max(SCENARIO_LIMITS.description).describe('The sentence, word for word as the spec has it (BCP 14 keywords in capitals).'),
          }),
        )
        .default({})
        .describe('The sentences of the specifications this scenario’s rules enforce, by name; an expectation names the one it enforces with `spec:`. A `must` rule stands on a MUST, MUST NOT, REQUIRED or SHALL that binds the client.'),
      requires: z
        .array(z.enum(CAPABILITIES))
        .default([])
        .describe(
          'What the scenario presupposes of the app, read from the journal: state or nonce in its authorization requests, the openid scope, a refresh token issued to it, a UserInfo call, a JWKS fetch (jwks, only with fresh-app: true). An app that does not is skipped, with that reason, instead of judged (an app that sends no state, relying on PKCE alone, says nothing about a tampered state).',
        ),
      description: z.string().min(1).max(SCENARIO_LIMITS.description).optional().describe('Longer explanation, shown in reports.'),
      why: z.string().min(1).max(SCENARIO_LIMITS.description).optional().describe('Why the behaviour matters, for the diagnosis; default: the faults’ own why.'),
      driver: z
        .enum(DRIVER_NAMES)
        .optional()
        .describe('The user agent: `browser` (Chromium, the default) or `http` (no browser: a user agent on plain HTTP with cookies and redirects, for server-rendered apps; tens of times faster). `authfault run --driver` overrides it. With `http`, steps that need a DOM (click, fill) are refused.'),
      'fresh-app': z
        .boolean()
        .default(false)
        .describe('Restart the app before this scenario, and again before the next, so it meets empty caches and leaves none behind: for faults at discovery or jwks, which an app that fetched them earlier may never ask for again. Only for apps the harness starts (target.command).'),
      faults: z.array(items.fault).default([]).describe('What the mock provider does wrong; empty for a positive control.'),
      steps: z.array(items.step).min(1).describe('What the person does in the browser, in order.'),
      expect: z
        .strictObject({
          ...appExpectationShape(),
          idp: z.array(items.expectation).default([]).describe('What the provider’s journal must show about the app’s requests.'),
        })
        .superRefine(
          oneOf<Record<string, unknown>>([...Object.keys(APP_EXPECTATIONS), 'idp'], { missing: 'expect needs at least one expectation (app, error-shown, …, or idp); a scenario must judge something' }, {
            // idp defaults to an empty list, which judges nothing.
            isSet: (v) => v !== undefined && !(Array.isArray(v) && v.length === 0),
          }),
        )
        .describe('What a correct app does: seen from the browser (app) and from the provider (idp).'),
    })
    .superRefine((s, ctx) => {
      // A warm app may hold keys fetched in an earlier scenario: not fetching them says nothing.
      if (s.requires.includes('jwks') && !s['fresh-app']) {
        ctx.addIssue({ code: 'custom', path: ['requires'], message: 'requires: jwks needs fresh-app: true — an app that was not started afresh may use keys it fetched in an earlier scenario, so a scenario without a JWKS request says nothing about whether it uses them' });
      }
    })
    .describe('An authfault scenario: faults to inject, what a person does, and what a correct app must do.');
}

/** The browser's expectations, each optional, as keys of `expect:`. */
function appExpectationShape() {
  const table: Readonly<Record<string, AnyAppExpectation>> = APP_EXPECTATIONS;
  return Object.fromEntries(Object.entries(table).map(([key, e]) => [key, e.args.optional()])) as Record<keyof typeof APP_EXPECTATIONS, z.ZodOptional<z.ZodType>>;
}

export const scenarioSchema = scenarioShape({
  fault: faultEditorSchema,
  step: singleKeySchema(STEP_ENTRIES, 'A step: a mapping with one key naming what the person does.'),
  expectation: singleKeySchema(IDP_ENTRIES, 'An idp expectation: a mapping with one key naming the check.'),
});

export const scenarioOutlineSchema = scenarioShape({ fault: z.unknown(), step: z.unknown(), expectation: z.unknown() });
