import type { ItemNoun, SingleKeyEntry, SingleKeyTable } from '../scenario/single-key.js';
import type { ExpectationModel } from '../scenario/types.js';
import { IDP_EXPECTATIONS, type AnyIdpExpectation } from '../verdict/idp/index.js';

/** The idp expectation table as the decoder reads it: each entry decodes its arguments into the expectation's model, with its type. */
export const IDP_ENTRIES: SingleKeyTable<Omit<ExpectationModel, 'loc'>> = Object.fromEntries(
  (Object.entries(IDP_EXPECTATIONS) as [string, AnyIdpExpectation][]).map(([type, definition]) => [type, entryOf(type, definition)]),
);

function entryOf(type: string, definition: AnyIdpExpectation): SingleKeyEntry<Omit<ExpectationModel, 'loc'>> {
  return { args: definition.args, build: (args: unknown) => ({ type, ...definition.model(args) }) };
}

export const IDP_EXPECTATION_NOUN: ItemNoun = { name: 'idp expectation', example: 'no-request: token', unknownCode: 'UNKNOWN_EXPECTATION' };
