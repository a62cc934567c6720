import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export type ExpectedVerdict = 'fail' | 'warn' | 'skipped';

export interface ExpectedRow {
  scenarios: string[];
  verdict: ExpectedVerdict;
  /** The Classification column: `**real flaw**`, `real gap`, … */
  classification: string;
}

const SECTION = '## The bundled suite against eoc-app';

/**
 * examples/eoc-app/README.md's table of the verdicts that are not `pass` —
 * `| Scenario | Severity | Verdict | What happened | Classification |`, under "The bundled suite
 * against eoc-app" — is the contract: every scenario it names gets exactly that verdict, every
 * other scenario passes.
 */
export function expectedVerdicts(): ExpectedRow[] {
  const text = readFileSync(join(ROOT, 'examples/eoc-app/README.md'), 'utf8');
  const start = text.indexOf(SECTION);
  if (start < 0) throw new Error(`examples/eoc-app/README.md has no "${SECTION}" section`);
  const section = text.slice(start + SECTION.length).split(/\n## /)[0]!;
  const rows = section.split('\n').filter((line) => /^\|\s*(the \d+ )?`/.test(line));
  if (rows.length === 0) throw new Error('examples/eoc-app/README.md: no verdict table under its suite section');
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const verdict = cells[3];
    if (verdict !== 'fail' && verdict !== 'warn' && verdict !== 'skipped') {
      throw new Error(`examples/eoc-app/README.md row "${cells[1]}": the Verdict column says "${verdict}"; allowed: fail, warn, skipped`);
    }
    return { scenarios: [...(cells[1] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!), verdict, classification: cells[5] ?? '' };
  });
}
