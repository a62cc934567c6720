/**
 * A tiny XML writer: enough for JUnit, no dependency.
 * - Text and attribute values are escaped for XML 1.0; `'` and `"` too, so any attribute quoting
 *   would be safe.
 * - Characters XML 1.0 cannot carry at all, not even as `&#…;` (C0 controls other than tab, LF
 *   and CR, U+FFFE, U+FFFF, unpaired surrogates), become a visible `\uXXXX` so that one stray byte
 *   in an app's error message never makes CI reject the whole file.
 * - Tab, LF and CR in attributes are written as character references, since parsers otherwise
 *   normalise them to spaces; CR in text likewise, since parsers fold CRLF to LF.
 */

export interface XmlElement {
  name: string;
  /** Undefined values are left out, so optional fields need no conditionals at the call site. */
  attributes?: Record<string, string | number | undefined>;
  /** An element has either children or text; text is written verbatim (escaped, not indented). */
  children?: XmlElement[];
  text?: string;
}

const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};

function replaceUnrepresentable(value: string): string {
  return value.replace(UNREPRESENTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeText(value: string): string {
  return replaceUnrepresentable(value).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

export function escapeAttribute(value: string): string {
  return replaceUnrepresentable(value).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

/** Serialises a document: declaration, then the root indented by two spaces per level. */
export function serializeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeElement(root, '')}\n`;
}

function serializeElement(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (element.text !== undefined) return `${open}>${escapeText(element.text)}</${element.name}>`;
  if (!element.children?.length) return `${open}/>`;
  const children = element.children.map((child) => serializeElement(child, `${indent}  `));
  return `${open}>\n${children.join('\n')}\n${indent}</${element.name}>`;
}
