import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, serializeXml } from '../../reports/util/xml.js';
import { parseXml } from './xml-parse.js';

describe('XML escaping', () => {
  it('escapes markup in text, and carriage returns so parsers do not fold them', () => {
    expect(escapeText(`a < b && c > "d" 'e'\r\n`)).toBe(`a &lt; b &amp;&amp; c &gt; "d" 'e'&#13;\n`);
  });

  it('escapes quotes and whitespace in attributes', () => {
    expect(escapeAttribute(`<"it's">&\t\n\r`)).toBe('&lt;&quot;it&apos;s&quot;&gt;&amp;&#9;&#10;&#13;');
  });

  it('writes characters XML 1.0 cannot carry as visible \\u escapes, and keeps the rest', () => {
    expect(escapeText('\u0000\u0008\u000b\u000c\u001f\ufffe\uffff\udc00\ud83d\udd10\u0085é')).toBe(
      '\\u0000\\u0008\\u000b\\u000c\\u001f\\ufffe\\uffff\\udc00🔐\u0085é',
    );
  });

  it('serialises a tree with indentation, self-closing empty elements and no undefined attributes', () => {
    const xml = serializeXml({
      name: 'a',
      attributes: { x: 1, y: undefined },
      children: [{ name: 'b', text: 'hi & bye' }, { name: 'c', attributes: { z: 'q' } }],
    });
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">\n  <b>hi &amp; bye</b>\n  <c z="q"/>\n</a>\n');
  });
});

describe('the test XML parser', () => {
  const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

  it('rejects what a real parser rejects, so the JUnit tests can fail', () => {
    expect(() => parseXml(doc('<a><b></a></b>'))).toThrow('</a> closes <b>');
    expect(() => parseXml(doc('<a>x & y</a>'))).toThrow('a bare & that starts no reference');
    expect(() => parseXml(doc('<a>\u0001</a>'))).toThrow('character U+1 is not allowed in XML');
    expect(() => parseXml(doc('<a>&#1;</a>'))).toThrow('&#1; refers to a character XML does not allow');
    expect(() => parseXml(doc('<a x="1<"/>'))).toThrow('raw < in attribute x');
    expect(() => parseXml(doc('<a></a x>'))).toThrow('malformed markup');
    expect(() => parseXml(doc('<a x="1" x="2"/>'))).toThrow('duplicate attribute x');
    expect(() => parseXml(doc('<a/><b/>'))).toThrow('a second root element <b>');
    expect(() => parseXml(doc('<a>'))).toThrow('<a> is never closed');
  });

  it('decodes references and normalises attribute whitespace as XML 1.0 says', () => {
    const root = parseXml(doc('<a t="1\n2&#10;3">&lt;&#x1F510;&gt;</a>'));
    expect(root.attributes.t).toBe('1 2\n3');
    expect(root.text).toBe('<🔐>');
  });
});
