import type { Severity } from '../scenario/types.js';

/** How many scenarios warned, by the strongest rule they broke — what `--fail-on` weighs. */
export type Warnings = Record<'should' | 'may', number>;

/** How many scenarios warned on a broken `should` (at worst) and how many on a `may` alone. */
export function warningsOf(scenarios: readonly { verdict: string; broken?: Severity }[]): Warnings {
  const warned = scenarios.filter((s) => s.verdict === 'warn');
  return { should: warned.filter((s) => s.broken !== 'may').length, may: warned.filter((s) => s.broken === 'may').length };
}
