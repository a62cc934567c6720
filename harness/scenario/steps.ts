import { z } from 'zod';
import { describeClickTarget, clickTargetSchema, toClickTarget } from './click-target.js';
import { entry, decodedEntry, type ItemNoun, type SingleKeyEntry } from './single-key.js';
import { appUrlSchema } from './step-args/app-url.js';
import { loginArgs, loginTitle } from './step-args/login.js';
import { parallelArgs } from './step-args/parallel.js';
import { decodeFaultList, setFaultsArgs } from './step-args/set-faults.js';
import { toWaitFor, waitForArgs, waitForTitle } from './step-args/wait-for.js';
import { waitArgs, waitMs, waitTitle } from './step-args/wait.js';
import type { Step, StepType } from './types.js';
import { urlPatternSchema } from './url-pattern.js';

type StepOf<T extends StepType> = Omit<Extract<Step, { type: T }>, 'loc'>;

/** A step that takes nothing: `- reload`, or `- reload: {}`. */
const bare = (description: string) => z.union([z.null(), z.strictObject({})]).describe(description);

const goto = appUrlSchema.describe('Open a URL, or a path relative to the app (`/profile`).');

const visit = z.string().min(1).describe('Open a page named under `pages:` in the target config.');

const fill = z
  .strictObject({
    label: z.string().min(1).describe('The field’s label, as a person reads it.'),
    value: z.string().describe('What to type.'),
  })
  .describe('Type into the field with this label.');

const expectPage = z
  .strictObject({
    text: z.string().min(1).optional().describe('Text the page must show.'),
    url: urlPatternSchema.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.text === undefined && e.url === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expect needs text or url', params: { code: 'MISSING_ONE_OF', allowed: ['text', 'url'] } });
    }
  })
  .describe('Check the page: it shows `text`, and/or its URL matches `url`. A failed check fails the step.');

/** The step table. A new step type: its variant in types.ts, an entry here, a function in the runner's step registry. */
export const STEPS: { readonly [K in StepType]: SingleKeyEntry<StepOf<K>> } = {
  login: entry(loginArgs, (a) => {
    const user = typeof a === 'string' ? a : a?.user;
    const stop = typeof a === 'object' ? a?.stop : undefined;
    return { type: 'login', ...(user ? { user } : {}), ...(stop ? { stop } : {}), title: loginTitle(user, stop) };
  }),
  logout: entry(bare('Sign out the way the target config says (`logout:`; default: open {app}/logout), through the provider’s end-session page when the app goes there.'), () => ({
    type: 'logout',
    title: 'logout',
  })),
  goto: entry(goto, (url) => ({ type: 'goto', url, title: `go to ${url}` })),
  visit: entry(visit, (page) => ({ type: 'visit', page, title: `visit ${page}` })),
  click: entry(clickTargetSchema, (a) => {
    const target = toClickTarget(a);
    return { type: 'click', target, title: `click ${describeClickTarget(target)}` };
  }),
  fill: entry(fill, ({ label, value }) => ({ type: 'fill', label, value, title: `fill ${JSON.stringify(label)} with ${JSON.stringify(value)}` })),
  expect: entry(expectPage, ({ text, url }) => {
    const parts = [...(text !== undefined ? [`text ${JSON.stringify(text)}`] : []), ...(url !== undefined ? [`URL ${url}`] : [])];
    return { type: 'expect', ...(text !== undefined ? { text } : {}), ...(url !== undefined ? { url } : {}), title: `expect ${parts.join(' and ')}` };
  }),
  'wait-for': entry(waitForArgs, (a) => {
    const w = toWaitFor(a);
    return { type: 'wait-for', ...w, title: waitForTitle(w) };
  }),
  parallel: entry(parallelArgs, ({ visit: page, url, n }) => ({
    type: 'parallel',
    n,
    ...(page !== undefined ? { page } : {}),
    ...(url !== undefined ? { url } : {}),
    title: `${n} parallel loads of ${page ?? url}`,
  })),
  'replay-callback': entry(bare('Open the last callback URL (the provider’s redirect back to the app, with its code and state) again, as an attacker replaying it would.'), () => ({
    type: 'replay-callback',
    title: 'replay the last callback',
  })),
  reload: entry(bare('Reload the current page.'), () => ({ type: 'reload', title: 'reload' })),
  wait: entry(waitArgs, (a) => {
    const ms = waitMs(a);
    return { type: 'wait', ms, title: waitTitle(ms) };
  }),
  'set-faults': decodedEntry(setFaultsArgs, decodeFaultList, (faults) => ({
    type: 'set-faults',
    faults,
    title: `set faults ${faults.map((f) => f.kind).join(', ')}`,
  })),
  'clear-faults': entry(bare('Remove every fault: from here on the provider behaves.'), () => ({ type: 'clear-faults', title: 'clear faults' })),
};

export const STEP_NOUN: ItemNoun = { name: 'step', example: 'login: alice', unknownCode: 'UNKNOWN_STEP' };
