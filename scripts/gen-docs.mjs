#!/usr/bin/env node
// Writes docs/faults.md from the fault registry (build first: it imports dist/).
import { writeFileSync } from 'node:fs';

const { renderFaultReference } = await import('../dist/harness/docs/fault-reference.js');
const file = new URL('../docs/faults.md', import.meta.url);
writeFileSync(file, renderFaultReference());
console.log('wrote docs/faults.md');
