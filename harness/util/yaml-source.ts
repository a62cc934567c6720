import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Issue, Path } from './issues.js';
import type { ParsedSource } from './parsed-source.js';

/** yaml's messages for these codes speak to programmers using the library, not to authors. */
const REWORDED: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document ("---"); keep one per file',
};

/**
 * Parse YAML (or JSON, which YAML 1.2 reads too) keeping every node's position. Syntax errors
 * come with yaml's own positions. `file` is only a label for issues.
 */
export function parseYaml(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: Issue[] = doc.errors.map((error) => ({
    code: 'YAML_SYNTAX',
    file,
    ...at(error.pos[0]),
    path: '',
    message: `invalid YAML: ${REWORDED[error.code] ?? error.message}`,
  }));
  const position = (path: Path, key = false) => at(offsetOf(doc, path, key));
  return {
    value: issues.length === 0 ? doc.toJS() : undefined,
    issues,
    position: (path) => position(path),
    place: ({ at: where, path, ...rest }) => ({ ...rest, file, ...position(path, where === 'key'), path: path.join('.') }),
  };
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
