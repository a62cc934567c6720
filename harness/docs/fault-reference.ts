import { describeKinds } from '../../mock-provider/common.js';

type Described = ReturnType<typeof describeKinds>[number];
interface JsonSchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchemaProperty[];
  items?: JsonSchemaProperty;
}

const CATEGORY_TITLES: Record<string, string> = {
  tokens: 'Tokens',
  credentials: 'Credentials',
  'oauth-flow': 'OAuth flow',
  tls: 'TLS',
  'rate-limits': 'Rate limits',
  network: 'Network',
  clock: 'Clock',
  permissions: 'Permissions',
};

/**
 * docs/faults.md, generated from the registry so the reference can never drift from the code
 * (`npm run docs` writes it; a test fails when the committed file is stale).
 */
export function renderFaultReference(kinds: readonly Described[] = describeKinds()): string {
  const out: string[] = [
    '<!-- Generated from the fault registry by `npm run docs`; do not edit by hand. -->',
    '# Fault reference',
    '',
    'Every fault kind the mock provider knows. Set one in a scenario file (`faults:`), with',
    '`authfault fault add`, through `POST /__authfault/faults`, or from code with `idp.faults.add()`.',
    'Every kind also takes the shared envelope `when:` (`endpoint`, `client`, `nth`, `times`,',
    '`probability`, `after_ms`, and `route` for one route of the mock API); see docs/scenarios.md.',
    '',
    '| kind | category | applies at (default) | what the provider does |',
    '|---|---|---|---|',
    ...kinds.map((k) => `| [\`${k.kind}\`](#${anchor(k.kind)}) | ${k.category} | ${points(k)} | ${cell(k.summary)} |`),
    '',
  ];
  const categories = [...new Set(kinds.map((k) => k.category))];
  for (const category of categories) {
    out.push(`## ${CATEGORY_TITLES[category] ?? category}`, '');
    for (const k of kinds.filter((x) => x.category === category)) out.push(...section(k));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function section(k: Described): string[] {
  const props = Object.entries((k.parameters as { properties?: Record<string, JsonSchemaProperty> }).properties ?? {});
  const required = new Set((k.parameters as { required?: string[] }).required ?? []);
  return [
    `### \`${k.kind}\``,
    '',
    k.summary,
    '',
    ...(k.unavailable ? [`> **Not available here:** ${k.unavailable}`, ''] : []),
    `- **Applies at:** ${points(k)}`,
    `- **A correct client:** ${k.correctClient}`,
    `- **Why it matters:** ${k.why}`,
    `- **Fix:** ${k.fix}`,
    `- **References:** ${k.references.join('; ')}`,
    '',
    ...(props.length === 0
      ? ['No parameters.', '']
      : [
          '| parameter | type | default | description |',
          '|---|---|---|---|',
          ...props.map(([name, p]) => `| \`${name}\`${required.has(name) && p.default === undefined ? ' (required)' : ''} | ${typeOf(p)} | ${p.default === undefined ? '' : `\`${JSON.stringify(p.default)}\``} | ${cell(p.description ?? '')} |`),
          '',
        ]),
    '```yaml',
    `- kind: ${k.kind}`,
    ...props.filter(([name, p]) => required.has(name) && p.default === undefined).map(([name, p]) => `  ${name}: ${example(p)}`),
    '```',
    '',
  ];
}

function points(k: Described): string {
  return k.points.map((p) => (k.defaultPoints.includes(p) ? `**${p}**` : p)).join(', ');
}

function typeOf(p: JsonSchemaProperty): string {
  if (p.enum) return p.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (p.anyOf) return p.anyOf.map(typeOf).join(' or ');
  const type = Array.isArray(p.type) ? p.type.join(' or ') : (p.type ?? 'any');
  if (type === 'array' && p.items) return `list of ${typeOf(p.items)}`;
  // zod's z.int() reports the safe-integer bounds; only bounds a person chose are worth showing.
  const min = p.minimum !== undefined && p.minimum > Number.MIN_SAFE_INTEGER ? p.minimum : undefined;
  const max = p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER ? p.maximum : undefined;
  const range = min !== undefined && max !== undefined ? ` ${min}…${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : '';
  return `${type}${range}`;
}

function example(p: JsonSchemaProperty): string {
  if (p.enum) return String(p.enum[0]);
  if (p.type === 'integer' || p.type === 'number') return String(p.minimum !== undefined && p.minimum > Number.MIN_SAFE_INTEGER ? p.minimum : 1);
  if (p.type === 'array') return '[]';
  return '…';
}

function anchor(kind: string): string {
  return kind.replace(/[^a-z0-9-]/g, '');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
