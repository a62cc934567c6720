/**
 * A strict little XML 1.0 parser for the subset the JUnit reporter writes (declaration, elements,
 * attributes, text, entity and character references). No XML parser is installed and CI must not
 * need xmllint, so the tests check well-formedness with this: it throws on anything a real parser
 * would reject in that subset, and decodes values the way a real parser does (including attribute
 * whitespace normalisation), so a round trip proves the escaping.
 */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  /** The decoded text directly inside the element (whitespace between children included). */
  text: string;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAME = '[A-Za-z_][A-Za-z0-9._:-]*';
const OPEN = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const CLOSE = new RegExp(`^</(${NAME})\\s*>`);
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlNode {
  const bad = NOT_XML_CHAR.exec(source);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML, at ${bad.index}`);
  if (!source.startsWith(DECLARATION)) throw new Error('missing or different XML declaration');
  let rest = source.slice(DECLARATION.length).replace(/\r\n?/g, '\n');
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  while (rest.length > 0) {
    const open = OPEN.exec(rest);
    const close = CLOSE.exec(rest);
    if (open) {
      if (root && stack.length === 0) throw new Error(`a second root element <${open[1]}>`);
      const node: XmlNode = { name: open[1]!, attributes: parseAttributes(open[2]!), children: [], text: '' };
      stack.at(-1)?.children.push(node);
      root ??= node;
      if (open[3] !== '/') stack.push(node);
      rest = rest.slice(open[0].length);
    } else if (close) {
      const node = stack.pop();
      if (node?.name !== close[1]) throw new Error(`</${close[1]}> closes <${node?.name ?? 'nothing'}>`);
      rest = rest.slice(close[0].length);
    } else if (rest.startsWith('<')) {
      throw new Error(`malformed markup: ${JSON.stringify(rest.slice(0, 40))}`);
    } else {
      const end = rest.indexOf('<');
      const raw = end === -1 ? rest : rest.slice(0, end);
      const parent = stack.at(-1);
      if (!parent && raw.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(raw)}`);
      if (parent) parent.text += decode(raw);
      rest = end === -1 ? '' : rest.slice(end);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const [, name, double, single] = match;
    if (name! in attributes) throw new Error(`duplicate attribute ${name}`);
    const raw = double ?? single!;
    if (raw.includes('<')) throw new Error(`raw < in attribute ${name}`);
    // XML 1.0 §3.3.3: literal whitespace characters in attribute values become spaces.
    attributes[name!] = decode(raw.replace(/[\t\n\r]/g, ' '));
  }
  return attributes;
}

function decode(raw: string): string {
  return raw.replace(/&([^;]*);|&/g, (reference, body: string | undefined) => {
    if (body === undefined) throw new Error('a bare & that starts no reference');
    if (body in ENTITIES) return ENTITIES[body]!;
    const code = /^#x([0-9a-fA-F]+)$/.exec(body)?.[1] ?? /^#([0-9]+)$/.exec(body)?.[1];
    if (code === undefined) throw new Error(`unknown reference ${reference}`);
    const char = String.fromCodePoint(parseInt(code, body.startsWith('#x') ? 16 : 10));
    if (NOT_XML_CHAR.test(char)) throw new Error(`${reference} refers to a character XML does not allow`);
    return char;
  });
}

/** Child elements by name, for assertions. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}
