import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A verdict an example target's README expects; every scenario it does not name passes. */
export type ExpectedVerdict = 'fail' | 'warn' | 'skipped';

export interface ExpectedRow {
  scenarios: string[];
  verdict: ExpectedVerdict;
  /** The Classification column: `**real flaw**`, `real gap`, … */
  classification: string;
}

/** The example targets whose README holds a verdict table, and the title of its section. */
export const EXAMPLE_TARGETS = ['eoc-app', 'apache-oidc', 'flask-authlib', 'pkce-app'] as const;

/**
 * examples/<target>/README.md's table of the verdicts that are not `pass` —
 * `| Scenario | Severity | Verdict | What happened | Classification |`, under "## The bundled suite
 * against <target>" — is the contract the end-to-end tests hold the target to (in both drivers),
 * and what docs/verdicts.md counts.
 */
export function expectedVerdicts(root: string, target: string): ExpectedRow[] {
  const file = `examples/${target}/README.md`;
  const text = readFileSync(join(root, file), 'utf8');
  const section = `## The bundled suite against ${target}`;
  const start = text.indexOf(section);
  if (start < 0) throw new Error(`${file} has no "${section}" section`);
  const body = text.slice(start + section.length).split(/\n## /)[0]!;
  const rows = body.split('\n').filter((line) => /^\|\s*(the \d+ )?`/.test(line));
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const verdict = cells[3];
    if (verdict !== 'fail' && verdict !== 'warn' && verdict !== 'skipped') {
      throw new Error(`${file} row "${cells[1]}": the Verdict column says "${verdict}"; allowed: fail, warn, skipped`);
    }
    return { scenarios: [...(cells[1] ?? '').matchAll(/`([a-z0-9.-]+)`/g)].map((m) => m[1]!), verdict, classification: cells[5] ?? '' };
  });
}
