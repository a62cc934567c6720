import { z } from 'zod';
import { describeClickTarget, clickTargetSchema, toClickTarget } from './click-target.js';
import { entry, type ItemNoun, type SingleKeyEntry } from './single-key.js';
import type { Step, StepType } from './types.js';
import { urlPatternSchema } from './url-pattern.js';

type StepOf<T extends StepType> = Omit<Extract<Step, { type: T }>, 'loc'>;

const login = z
  .union([
    z.string().min(1).describe('The user to sign in as (a user id of the provider).'),
    z.strictObject({ user: z.string().min(1).optional().describe('The user to sign in as; default: the config’s first user.') }),
    z.null(),
  ])
  .describe('Start the app’s login and complete the provider’s login: `login: alice`, or `login: {}` for the config’s first user.');

const goto = z
  .string()
  .regex(/^(?:\/|https?:\/\/)/, 'a path starting with "/" or an http(s) URL')
  .describe('Open a URL, or a path relative to the app (`/profile`).');

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
  login: entry(login, (a) => {
    const user = typeof a === 'string' ? a : a?.user;
    return { type: 'login', ...(user ? { user } : {}), title: `login as ${user ?? 'the default user'}` };
  }),
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
};

export const STEP_NOUN: ItemNoun = { name: 'step', example: 'login: alice', unknownCode: 'UNKNOWN_STEP' };
