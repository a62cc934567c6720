import { documentedFlaws as flawsIn, type Flaw } from '../../harness/docs/naive-flaws.js';
import { ROOT } from '../helpers/cli.js';

export { caughtWith, type Flaw } from '../../harness/docs/naive-flaws.js';

/** FLAWS.md's table, read from this checkout. */
export function documentedFlaws(): Flaw[] {
  return flawsIn(ROOT);
}
