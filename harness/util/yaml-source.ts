import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Issue, Path } from './issues.js';
import type { ParsedSource } from './parsed-source.js';

/** yaml's messages for these codes speak to programmers using the library, not to authors. */
const REWORDED: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document ("---"); keep one per file',
};

/**
 * Limits on what a config or scenario file may hold. Real files are a few kilobytes with no
 * aliases; these only stop a file that would take the loader (and every report that shows it)
 * down with it — a billion-laughs alias bomb expands a kilobyte into gigabytes.
 */
export const YAML_LIMITS = Object.freeze({ bytes: 256 * 1024, aliases: 100 });

/**
 * Parse YAML (or JSON, which YAML 1.2 reads too) keeping every node's position. Syntax errors
 * come with yaml's own positions, moved to where the faulty construct opens when yaml reports
 * where it noticed (an unclosed quote is noticed at the end of the file). `file` is only a label
 * for issues.
 */
export function parseYaml(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const fail = (issues: Issue[]): ParsedSource => ({ value: undefined, issues, position: () => ({ line: 1, column: 1 }), place: placeNowhere(file) });
  const bytes = Buffer.byteLength(text);
  if (bytes > YAML_LIMITS.bytes) {
    return fail([{ code: 'FILE_TOO_LARGE', file, line: 1, column: 1, path: '', message: `the file is ${Math.round(bytes / 1024)} KiB; a config or scenario file may be at most ${YAML_LIMITS.bytes / 1024} KiB` }]);
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((error) => ({ error, offset: errorOffset(doc, text, error) }));
  // Everything after a quote left open is read as part of the quoted string: errors past it are echoes.
  const unclosed = errors.find(({ error, offset }) => offset !== error.pos[0]);
  const issues: Issue[] = errors
    .filter((e) => !unclosed || e === unclosed || e.error.pos[0] < unclosed.offset)
    .map(({ error, offset }) => ({ code: 'YAML_SYNTAX', file, ...at(offset), path: '', message: `invalid YAML: ${describeError(text, error, offset)}` }));
  if (issues.length > 0) return fail(issues);
  const aliases = aliasOffsets(doc);
  if (aliases.length > YAML_LIMITS.aliases) {
    return fail([{ code: 'TOO_MANY_ALIASES', file, ...at(aliases[0]!), path: '', message: `the file uses ${aliases.length} YAML aliases (*name); at most ${YAML_LIMITS.aliases} are read, so that a file cannot expand without end` }]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.aliases * 10 });
  } catch {
    // Fewer aliases than the limit can still nest into an exponential expansion (yaml counts it).
    return fail([{ code: 'TOO_MANY_ALIASES', file, ...at(aliases[0] ?? 0), path: '', message: `the file's YAML aliases (*name) nest into an expansion too large to read; a config or scenario file has no need of them` }]);
  }
  const position = (path: Path, key = false) => at(offsetOf(doc, path, key));
  return {
    value,
    issues,
    position: (path) => position(path),
    place: ({ at: where, path, ...rest }) => ({ ...rest, file, ...position(path, where === 'key'), path: path.join('.') }),
  };
}

function placeNowhere(file: string): ParsedSource['place'] {
  return ({ at: _at, path, ...rest }) => ({ ...rest, file, line: 1, column: 1, path: path.join('.') });
}

/** What went wrong, for the author: the name of a duplicate key, the quote to close. */
function describeError(text: string, error: YAMLError, offset: number): string {
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))![0].trim().replace(/^["']|["']$/g, '');
    return `the key "${key}" appears twice in one mapping; keep one`;
  }
  if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
    const quote = text[offset] === "'" ? "'" : '"';
    return `a quoted string opened here is never closed: end it with ${quote}`;
  }
  return REWORDED[error.code] ?? error.message;
}

/** Where a quoted scalar left open begins, rather than the end of the file where yaml gave up. */
function errorOffset(doc: Document, text: string, error: YAMLError): number {
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return error.pos[0];
  let opened: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const [start, end] = node.range ?? [];
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && start !== undefined && end !== undefined && end >= error.pos[0] && start < error.pos[0]) {
        opened = Math.max(opened ?? -1, start);
      }
    },
  });
  return opened ?? Math.min(error.pos[0], text.length);
}

function aliasOffsets(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Alias(_key, node) {
      found.push(node.range?.[0] ?? 0);
    },
  });
  return found;
}

/**
 * The offset of the deepest node on `path` that exists: a missing key is reported where its
 * parent mapping starts, an unknown key (`key`) where the key itself is written.
 */
function offsetOf(doc: Document, path: Path, key: boolean): number {
  let node = resolve(doc, doc.contents);
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && key) return keyNode.range?.[0] ?? offset;
      node = resolve(doc, pair.value as Node | null);
      // A key with no value (`title:`) has no node of its own: point at the key.
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = resolve(doc, node.items[segment] as Node | undefined);
      if (!node) return offset;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function resolve(doc: Document, node: Node | null | undefined): Node | undefined {
  if (isAlias(node)) return node.resolve(doc);
  return node ?? undefined;
}
