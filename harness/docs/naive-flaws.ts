import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Flaw {
  n: number;
  /** The file (in examples/naive-app) named in the Where column. */
  file: string;
  scenarios: string[];
  /** The verdict the scenarios must give: fail for a broken MUST, warn for a broken SHOULD. */
  verdict: 'fail' | 'warn';
  /** Scenarios of the flaw whose rule is weaker or stronger than the others': `fail; \`tls-sha1\`: warn`. */
  except?: Record<string, 'fail' | 'warn'>;
}

/**
 * examples/naive-app/FLAWS.md's table — `| # | Flaw | Where | Caught by scenario | Verdict | Fix |` —
 * is the contract the end-to-end tests hold naive-app to, in both drivers, and what
 * docs/verdicts.md counts.
 */
export function documentedFlaws(root: string): Flaw[] {
  const text = readFileSync(join(root, 'examples/naive-app/FLAWS.md'), 'utf8');
  const rows = text.split('\n').filter((line) => /^\|\s*\d+\s*\|/.test(line));
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const [verdict, ...others] = (cells[5] ?? '').split(';').map((v) => v.trim());
    if (verdict !== 'fail' && verdict !== 'warn') throw new Error(`FLAWS.md row ${cells[1]}: the Verdict column says "${verdict}"; allowed: fail, warn`);
    const except = Object.fromEntries(
      others.map((o) => {
        const m = /^`([a-z0-9-]+)`: (fail|warn)$/.exec(o);
        if (!m) throw new Error(`FLAWS.md row ${cells[1]}: "${o}" is not "\`scenario\`: fail|warn"`);
        return [m[1]!, m[2] as 'fail' | 'warn'];
      }),
    );
    return {
      n: Number(cells[1]),
      file: /`([a-z-]+\.ts)/.exec(cells[3] ?? '')?.[1] ?? '',
      scenarios: [...(cells[4] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!),
      verdict,
      ...(others.length > 0 ? { except } : {}),
    };
  });
}

/** The scenario ids FLAWS.md gives this verdict, sorted. */
export function caughtWith(flaws: readonly Flaw[], verdict: Flaw['verdict']): string[] {
  return flaws.flatMap((f) => f.scenarios.filter((s) => (f.except?.[s] ?? f.verdict) === verdict)).sort();
}
