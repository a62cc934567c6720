import type { ItemNoun, SingleKeyEntry, SingleKeyTable } from '../scenario/single-key.js';
import { STEPS, type AnyStepDefinition, type Step, type StepType } from '../steps/index.js';

type Unlocated = Step extends infer S ? (S extends unknown ? Omit<S, 'loc'> : never) : never;

/** The step table as the decoder reads it: each entry decodes its arguments into the step's model, with its type and title. */
export const STEP_ENTRIES: SingleKeyTable<Unlocated> = Object.fromEntries(
  (Object.entries(STEPS) as [StepType, AnyStepDefinition][]).map(([type, definition]) => [type, entryOf(type, definition)]),
);

function entryOf(type: StepType, definition: AnyStepDefinition): SingleKeyEntry<Unlocated> {
  const build = (args: unknown) => {
    const model = definition.model(args);
    return { type, ...model, title: definition.title(model) } as Unlocated;
  };
  return { args: definition.args, build, ...(definition.decode ? { decode: definition.decode.bind(definition) } : {}) };
}

export const STEP_NOUN: ItemNoun = { name: 'step', example: 'login: alice', unknownCode: 'UNKNOWN_STEP' };
