import { describeKinds } from '../../../mock-provider/common.js';

/** `authfault faults`: the fault kinds the provider knows, for people or (--json) for machines. */
export function faultsCommand(options: { json?: boolean }): void {
  const kinds = describeKinds();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ kinds }, null, 2)}\n`);
    return;
  }
  const width = Math.max(...kinds.map((k) => k.kind.length));
  for (const k of kinds) {
    const params = Object.entries((k.parameters as { properties?: Record<string, { default?: unknown }> }).properties ?? {})
      .map(([name, p]) => (p.default !== undefined ? `${name}=${JSON.stringify(p.default)}` : name))
      .join(' ');
    process.stdout.write(`${k.kind.padEnd(width)}  ${k.category.padEnd(11)}  at ${k.defaultPoints.join(',')}  ${params}\n`);
    process.stdout.write(`${' '.repeat(width)}  ${k.summary}\n`);
  }
}
