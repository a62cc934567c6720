import type { z } from 'zod';
import type { TargetClicks } from '../config/target-clicks.js';
import type { Budgets } from '../config/types.js';
import type { Loc } from '../scenario/types.js';
import type { Check } from './check.js';
import type { AppEvidence, JournalEvidence } from './evidence.js';

/**
 * One expectation kind, all in one place, as a step is: what may follow its key in a scenario
 * file, the model the judge gets from it, and how it is judged on its evidence. The tables are
 * verdict/app/index.ts (the browser's view) and verdict/idp/index.ts (the provider's journal).
 */
export interface ExpectationDefinition<S extends z.ZodType = z.ZodType, A = z.output<S>, M extends object = object, E = never> {
  /** What may follow the key; its description is the editor's hover text. */
  args: S;
  /** The expectation's own fields (its `severity:` and `spec:` among them), from what followed its key. */
  model(args: A): M;
  /** Met or not, and both sides in plain words. */
  judge(exp: M, evidence: E): Check;
  /** The step it counts from (`from_step`): the scenario must have it. */
  fromStep?(model: M): number | undefined;
  /** Why the http driver cannot judge it, given how the target config signs in; undefined: it can. */
  needsBrowser?(model: M, clicks: TargetClicks): string | undefined;
  /** How long judging it waits on purpose: added to the scenario's time limit. */
  waitsMs?(model: M): number;
  /** Page loads still waiting when the steps end are judged once they have waited this long (the target's budgets may set it). */
  loadsMs?(model: M, budgets: Budgets): number;
}

/** An expectation about the browser's view, typed from its schema and its model. */
export function defineAppExpectation<S extends z.ZodType, M extends object, A = z.output<S>>(definition: ExpectationDefinition<S, A, M, AppEvidence>): ExpectationDefinition<S, A, M, AppEvidence> {
  return definition;
}

/** An expectation about the provider's journal, typed from its schema and its model. */
export function defineIdpExpectation<S extends z.ZodType, M extends object, A = z.output<S>>(definition: ExpectationDefinition<S, A, M, JournalEvidence>): ExpectationDefinition<S, A, M, JournalEvidence> {
  return definition;
}

type ModelOf<D> = D extends { model(args: never): infer M } ? M : never;

/** The expectations of a table as the judge gets them: key, place in the file, and own fields. */
export type ExpectationsOf<T> = { [K in keyof T & string]: { type: K; loc: Loc } & ModelOf<T[K]> }[keyof T & string];
