import type { Severity, SpecQuote } from '../scenario/types.js';

/** The outcome of one expectation: met or not, and both sides in plain words. */
export interface Check {
  ok: boolean;
  expected: string;
  observed: string;
  /** The expectation's own severity, when it set one; else the scenario's applies. */
  severity?: Severity;
  /** The sentence of a specification the rule enforces, when the scenario quotes it. */
  spec?: SpecQuote;
}
