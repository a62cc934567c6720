import type { StepType as ScenarioStepType } from '../scenario/types.js';
import type { StepContext } from './context.js';
import { clearFaults, setFaults } from './faults.js';
import { click, expectPage, fill } from './interact.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { goto, reload, replayCallback, visit } from './navigate.js';
import { parallel } from './parallel.js';
import { waitFor } from './wait-for.js';
import { wait } from './wait.js';

/**
 * The step registry: one function per step type. A scenario step `{ type, ...args }` runs as
 * STEPS[type](args, context). Adding a step = one file and one line here.
 */
export const STEPS = {
  login,
  logout,
  goto,
  visit,
  click,
  fill,
  expect: expectPage,
  'wait-for': waitFor,
  parallel,
  'replay-callback': replayCallback,
  reload,
  wait,
  'set-faults': setFaults,
  'clear-faults': clearFaults,
} satisfies Record<ScenarioStepType, (step: never, ctx: StepContext) => Promise<void>>;

export type StepType = keyof typeof STEPS;
