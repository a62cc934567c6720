import type { StepType } from '../../scenario/types.js';
import type { StepContext } from '../../steps/context.js';
import { clearFaults, setFaults } from '../../steps/faults.js';
import { wait } from '../../steps/wait.js';
import { needsBrowser, type HttpStepContext } from './context.js';
import { expectPage } from './expect.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { goto, reload, replayCallback, visit } from './navigate.js';
import { parallel } from './parallel.js';
import { waitFor } from './wait-for.js';

/** The browser driver's steps that never touch the page (faults, time) run as they are. */
const asIs = <S>(fn: (step: S, ctx: StepContext) => Promise<void>) => (step: S, ctx: HttpStepContext) => fn(step, ctx as unknown as StepContext);

/**
 * The http driver's step registry, mirroring harness/steps' STEPS key for key (the type makes a
 * new step type a compile error here until the http driver has it). `click` and `fill` need a
 * DOM: scenarios using them are refused before they run (needs-browser.ts), so these entries
 * only say why if one ever gets here.
 */
export const HTTP_STEPS = {
  login,
  logout,
  goto,
  visit,
  click: needsBrowser('click'),
  fill: needsBrowser('fill'),
  expect: expectPage,
  'wait-for': waitFor,
  parallel,
  'replay-callback': replayCallback,
  reload,
  wait: asIs(wait),
  'set-faults': asIs(setFaults),
  'clear-faults': asIs(clearFaults),
} satisfies Record<StepType, (step: never, ctx: HttpStepContext) => Promise<void>>;
