/** The outcome of one expectation: met or not, and both sides in plain words. */
export interface Check {
  ok: boolean;
  expected: string;
  observed: string;
}
