import type { z } from 'zod';
import { tableEntry } from '../scenario/single-key.js';
import type { Loc } from '../scenario/types.js';
import { clearFaults } from './clear-faults.js';
import { click } from './click.js';
import { expectPage } from './expect.js';
import { fill } from './fill.js';
import { goto } from './goto.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { parallel } from './parallel.js';
import { reload } from './reload.js';
import { replayCallback } from './replay-callback.js';
import { setFaults } from './set-faults.js';
import type { StepDefinition } from './step.js';
import { visit } from './visit.js';
import { waitFor } from './wait-for.js';
import { wait } from './wait.js';

/**
 * The step table: a scenario's `- <key>: …` is the step of that key, one file each. A new step
 * type is a file and a line here; the scenario language, the editor schema, both drivers and the
 * runner take it from this table. In the order the editor schema lists them.
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
} as const;

export type StepType = keyof typeof STEPS;

type ModelOf<D> = D extends { title(model: infer M): string } ? M : never;

/** A step as the runner gets it: its key, title and place in the file, and its own fields. */
export type Step = { [K in StepType]: { type: K; title: string; loc: Loc } & ModelOf<(typeof STEPS)[K]> }[StepType];

/** Any step's definition, for code that treats every step alike. */
export type AnyStepDefinition = StepDefinition<z.ZodType, unknown, object>;

/** The definition of a step's type (the step came from the table, so it has one). */
export function stepDefinition(step: { type: string }): AnyStepDefinition {
  return tableEntry(STEPS, step, 'step type');
}
