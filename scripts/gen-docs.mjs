#!/usr/bin/env node
// Writes docs/faults.md from the fault registry and docs/verdicts.md from the bundled scenarios
// and the example targets' READMEs (build first: it imports dist/).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { renderFaultReference } = await import('../dist/harness/docs/fault-reference.js');
const { renderVerdictReference } = await import('../dist/harness/docs/verdict-reference.js');
const { loadScenarios } = await import('../dist/harness/language/load.js');
const { bundledSuiteDir } = await import('../dist/harness/config/defaults.js');

writeFileSync(new URL('../docs/faults.md', import.meta.url), renderFaultReference());
console.log('wrote docs/faults.md');
const { scenarios, issues } = await loadScenarios([bundledSuiteDir()], root);
if (issues.length > 0) throw new Error(`the bundled scenarios do not load: ${issues.map((i) => i.message).join('; ')}`);
writeFileSync(new URL('../docs/verdicts.md', import.meta.url), renderVerdictReference(scenarios, root));
console.log('wrote docs/verdicts.md');
