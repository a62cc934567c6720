import type { StepContext } from './context.js';
import { click, expectPage, fill } from './interact.js';
import { login } from './login.js';
import { goto, visit } from './navigate.js';

/**
 * The step registry: one function per step type. A scenario step `{ type, ...args }` runs as
 * STEPS[type](args, context). Adding a step = one file and one line here.
 */
export const STEPS = {
  login,
  goto,
  visit,
  click,
  fill,
  expect: expectPage,
} satisfies Record<string, (step: never, ctx: StepContext) => Promise<void>>;

export type StepType = keyof typeof STEPS;
