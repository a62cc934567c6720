import { z } from 'zod';
import { SCENARIO_DEFAULTS } from './defaults.js';
import { rule, withRule } from './severity.js';
import { entry, type SingleKeyEntry } from './single-key.js';
import type { AppExpectation, AppExpectationType, StatusPattern } from './types.js';
import { urlPatternSchema } from './url-pattern.js';

type ExpectationOf<T extends AppExpectationType> = Omit<Extract<AppExpectation, { type: T }>, 'loc'>;

/**
 * What the browser must show, written as keys of `expect:` beside `idp:`. Each key is one entry:
 * a short form (`status: 401`) and a mapping form that may carry `severity:` and `spec:`.
 */

const APP_STATES = ['signed-in', 'refused'] as const;
const appState = z.enum(APP_STATES);

// Mapping forms come first in each union: given a mapping, the mapping's issues are the ones reported.
const app = z
  .union([z.strictObject({ is: appState, ...rule }), appState])
  .describe('signed-in: the user ends up signed in. refused: the app did not sign the user in and answered without a 5xx or crash.');

/** `key: true` or just `key:`; false would expect nothing, so it is refused rather than ignored. */
const yes = z.boolean().refine((v) => v, { message: 'write true (or nothing after the key), or leave the key out: false expects nothing' });

const errorShown = z
  .union([
    yes,
    z.null(),
    z.string().min(1).describe('Text the error must show.'),
    z.strictObject({ text: z.string().min(1).optional().describe('Text the error must show.'), ...rule }),
  ])
  .describe('The app shows an error page, by the target config’s `error:` rule (default: its last page answered 4xx or 5xx); with text, the page also shows that text.');

const noCrash = z
  .union([yes, z.null(), z.strictObject({ ...rule })])
  .describe('The app never answered 5xx, never dropped a connection, and its process still runs.');

const statusPattern = z.union([
  z.int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'a status class such as "4xx"') as unknown as z.ZodType<StatusPattern, string>,
]);
const statusList = z.union([statusPattern, z.array(statusPattern).min(1)]);

const status = z
  .union([z.strictObject({ is: statusList.describe('A status, a class such as "4xx", or a list of them.'), ...rule }), statusList])
  .describe('The status of the last page the app served: 401, "4xx", or a list such as [400, 401, 403].');

const text = z
  .union([z.strictObject({ shows: z.string().min(1).describe('The text.'), ...rule }), z.string().min(1)])
  .describe('The page the steps ended on shows this text.');

const url = z
  .union([z.strictObject({ matches: urlPatternSchema, ...rule }), urlPatternSchema])
  .describe('The URL the steps ended on matches: a substring, or /regex/flags.');

const cookie = z
  .union([
    z.string().min(1).describe('The cookie’s name: it must be set.'),
    z.strictObject({
      name: z.string().min(1).describe('The cookie’s name.'),
      present: z.boolean().optional().describe('true (the default): the browser holds it for the app; false: it does not.'),
      ...rule,
    }),
  ])
  .describe('The browser holds (or, with present: false, does not hold) this cookie for the app when the steps end.');

const ms = z.int().min(1).max(SCENARIO_DEFAULTS.maxWaitMs);

const recoversWithin = z
  .union([ms.describe('Milliseconds.'), z.strictObject({ ms: ms.describe('Milliseconds.'), ...rule })])
  .describe(
    'Once the faults have ended (the last clear-faults step, or the last request a fault with when.times or when.nth changed), the user is signed in within this many ms — by the steps, or else by the harness signing in again until the time is up.',
  );

function statuses(s: z.output<typeof statusList>): StatusPattern[] {
  return Array.isArray(s) ? s : [s];
}

/** The table, in the order expectations are judged and reported. */
export const APP_EXPECTATIONS: { readonly [K in AppExpectationType]: SingleKeyEntry<ExpectationOf<K>> } = {
  app: entry(app, (a) => (typeof a === 'string' ? { type: 'app', state: a } : { type: 'app', state: a.is, ...withRule(a) })),
  'error-shown': entry(errorShown, (a) =>
    typeof a === 'string' ? { type: 'error-shown', text: a } : { type: 'error-shown', ...(typeof a === 'object' && a?.text !== undefined ? { text: a.text } : {}), ...(typeof a === 'object' ? withRule(a) : {}) },
  ),
  'no-crash': entry(noCrash, (a) => ({ type: 'no-crash', ...(typeof a === 'object' ? withRule(a) : {}) })),
  status: entry(status, (a) =>
    typeof a === 'object' && !Array.isArray(a) ? { type: 'status', oneOf: statuses(a.is), ...withRule(a) } : { type: 'status', oneOf: statuses(a) },
  ),
  text: entry(text, (a) => (typeof a === 'string' ? { type: 'text', text: a } : { type: 'text', text: a.shows, ...withRule(a) })),
  url: entry(url, (a) => (typeof a === 'string' ? { type: 'url', pattern: a } : { type: 'url', pattern: a.matches, ...withRule(a) })),
  cookie: entry(cookie, (a) =>
    typeof a === 'string' ? { type: 'cookie', name: a, present: true } : { type: 'cookie', name: a.name, present: a.present ?? true, ...withRule(a) },
  ),
  'recovers-within': entry(recoversWithin, (a) => (typeof a === 'number' ? { type: 'recovers-within', ms: a } : { type: 'recovers-within', ms: a.ms, ...withRule(a) })),
};

export const APP_EXPECTATION_KEYS = Object.keys(APP_EXPECTATIONS) as AppExpectationType[];
