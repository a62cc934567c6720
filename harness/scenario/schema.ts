import { z } from 'zod';
import { CATEGORIES, faultSchemaForEditors } from '../../mock-provider/index.js';
import { IDP_EXPECTATIONS } from './idp-expectations.js';
import { singleKeySchema } from './single-key.js';
import { STEPS } from './steps.js';

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
        .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'lowercase letters, digits, "-" and "." such as "state-tampered"')
        .describe('Unique across the suite; names the scenario in reports and on the command line.'),
      title: z.string().min(1).describe('One sentence: what a correct app does in this situation.'),
      category: z.enum(CATEGORIES).describe('The family of failure; reports group verdicts by it.'),
      severity: z
        .enum(['must', 'should', 'may'])
        .describe('From the spec’s own words: a failed `must` fails the run, `should` and `may` warn.'),
      references: z.array(z.string().min(1)).default([]).describe('Where the rule comes from: RFC sections, conformance test names.'),
      description: z.string().min(1).optional().describe('Longer explanation, shown in reports.'),
      faults: z.array(items.fault).default([]).describe('What the mock provider does wrong; empty for a positive control.'),
      steps: z.array(items.step).min(1).describe('What the person does in the browser, in order.'),
      expect: z
        .strictObject({
          app: z
            .enum(['signed-in', 'refused'])
            .optional()
            .describe('signed-in: the user ends up signed in. refused: the app did not sign the user in and answered without crashing.'),
          idp: z.array(items.expectation).default([]).describe('What the provider’s journal must show about the app’s requests.'),
        })
        .superRefine((e, ctx) => {
          if (e.app === undefined && e.idp.length === 0) {
            ctx.addIssue({ code: 'custom', message: 'expect needs app or at least one idp expectation; a scenario must judge something', params: { code: 'MISSING_ONE_OF', allowed: ['app', 'idp'] } });
          }
        })
        .describe('What a correct app does: seen from the browser (app) and from the provider (idp).'),
    })
    .describe('An authfault scenario: faults to inject, what a person does, and what a correct app must do.');
}

export const scenarioSchema = scenarioShape({
  fault: faultSchemaForEditors(),
  step: singleKeySchema(STEPS, 'A step: a mapping with one key naming what the person does.'),
  expectation: singleKeySchema(IDP_EXPECTATIONS, 'An idp expectation: a mapping with one key naming the check.'),
});

export const scenarioOutlineSchema = scenarioShape({ fault: z.unknown(), step: z.unknown(), expectation: z.unknown() });
