import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

/**
 * What a user agent without a DOM reads of a server-rendered page, on a real HTML parser
 * (htmlparser2, the fastest of those measured: bench/RESULTS.md): its visible text, and its forms
 * with what a browser would send for them. Comments, CDATA, `<template>` content, entities and
 * unclosed tags are read as a browser reads them. What needs a script to appear is out of reach:
 * find.ts finds on these pages what `click` and `fill` act on, and says when only a script could.
 */

/** A form as a browser would submit it. */
export interface HtmlForm {
  id?: string;
  /** As written; resolve against the page URL. Absent: the page's own URL. */
  action?: string;
  method: 'GET' | 'POST';
  /** Named inputs with their values as the page sets them (hidden ones included), in order. */
  fields: Record<string, string>;
  /** Labelled text inputs: the label as a person reads it → the input's name. */
  labels: Record<string, string>;
  /** Submit buttons of the form (nested, or tied to it by `form="id"`), in document order. */
  buttons: { text: string; name?: string; value: string }[];
  /** A script on the page submits this form on load (form_post responses, the provider's logout page). */
  autoSubmit: boolean;
}

/** Elements whose content a person never sees. */
const HIDDEN = new Set(['head', 'title', 'script', 'style', 'template', 'noscript']);
/** Elements that begin and end a line of text, as innerText lays them out. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** The last page parsed (read, never changed): the agent reads a page's forms when it loads and its text afterwards. */
let last: { html: string; document: Document } | undefined;

/** The page's document tree, for finding elements by role, text or selector (css-select works on it). */
export function parseHtml(html: string): Document {
  if (last?.html !== html) last = { html, document: parseDocument(html) };
  return last.document;
}

/**
 * The text a person sees, as `innerText` gives it for server-rendered pages: no head, title,
 * scripts, styles, templates or comments; white space collapsed; a line break around block
 * elements and at `<br>`.
 */
export function visibleText(html: string | readonly AnyNode[]): string {
  const parts: string[] = [];
  const walk = (nodes: readonly AnyNode[]) => {
    for (const node of nodes) {
      if (isText(node)) parts.push(node.data.replace(/[ \t\n\f\r]+/g, ' '));
      else if (isTag(node) && !HIDDEN.has(node.name)) {
        if (node.name === 'br') {
          parts.push('\n');
          continue;
        }
        const block = BLOCKS.has(node.name);
        if (block) parts.push('\n');
        walk(node.children);
        if (block) parts.push('\n');
      }
    }
  };
  walk(typeof html === 'string' ? parseHtml(html).children : html);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The page's forms, with their fields, labelled inputs and submit buttons. */
export function forms(html: string): HtmlForm[] {
  const elements = inDocument(parseHtml(html).children);
  const named = (name: string) => elements.filter((e) => e.name === name);
  const labels = new Map(named('label').flatMap((l) => (l.attribs.for !== undefined ? [[l.attribs.for, visibleText(l.children)] as const] : [])));
  const scripts = [
    ...named('script').map((s) => DomUtils.textContent(s)),
    ...elements.flatMap((e) => Object.entries(e.attribs).filter(([name]) => name.startsWith('on')).map(([, value]) => value)),
  ].join('\n');
  const formElements = named('form');
  const found = formElements.map((element, index): HtmlForm => {
    const { id, action, method } = element.attribs;
    const form: HtmlForm = {
      ...(id !== undefined ? { id } : {}),
      ...(action !== undefined ? { action } : {}),
      method: method?.toUpperCase() === 'POST' ? 'POST' : 'GET',
      fields: {},
      labels: {},
      buttons: [],
      autoSubmit: submitsByScript(scripts, id, index),
    };
    const inner = inDocument(element.children);
    for (const input of inner.filter((e) => e.name === 'input')) addInput(form, input, labels);
    for (const area of inner.filter((e) => e.name === 'textarea')) {
      if (area.attribs.name) form.fields[area.attribs.name] = DomUtils.textContent(area);
    }
    return form;
  });
  // Buttons anywhere on the page: inside a form, or outside and tied to one by form="id".
  for (const button of named('button')) {
    const { name, value, form: owner } = button.attribs;
    const type = button.attribs.type?.toLowerCase();
    const enclosing = owner === undefined ? enclosingForm(button) : undefined;
    const form = owner !== undefined ? found.find((f) => f.id === owner) : enclosing && found[formElements.indexOf(enclosing)];
    if (!form || type === 'button' || type === 'reset') continue;
    form.buttons.push({ text: visibleText(button.children), ...(name ? { name } : {}), value: value ?? '' });
  }
  return found;
}

/**
 * What clicking `button` (default: the form's first submit button, as pressing Enter would)
 * sends: the form's fields, the given ones, and the button's own name and value.
 */
export function submission(form: HtmlForm, fields: Record<string, string> = {}, button: HtmlForm['buttons'][number] | undefined = form.buttons[0]): Record<string, string> {
  return { ...form.fields, ...fields, ...(button?.name ? { [button.name]: button.value } : {}) };
}

function addInput(form: HtmlForm, input: Element, labels: ReadonlyMap<string, string>): void {
  const { name, value, id } = input.attribs;
  const type = (input.attribs.type ?? 'text').toLowerCase();
  if (type === 'submit') {
    form.buttons.push({ text: value ?? 'Submit', ...(name ? { name } : {}), value: value ?? '' });
    return;
  }
  if (!name || ['button', 'reset', 'file', 'image'].includes(type)) return;
  if ((type === 'checkbox' || type === 'radio') && input.attribs.checked === undefined) return;
  form.fields[name] = value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
  const label = (id !== undefined ? labels.get(id) : undefined) ?? input.attribs['aria-label'];
  if (label !== undefined) form.labels[label] = name;
}

/** The elements under `nodes`, in document order, but for a `<template>`'s content: it is no part of the page until a script uses it. */
export function inDocument(nodes: readonly AnyNode[]): Element[] {
  return nodes.filter(isTag).flatMap((e) => (e.name === 'template' ? [] : [e, ...inDocument(e.children)]));
}

/** The `<form>` an element sits in, if any. */
export function enclosingForm(node: AnyNode): Element | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (isTag(parent) && parent.name === 'form') return parent;
  }
  return undefined;
}

/** `document.getElementById('x').submit()`, `document.forms[0].submit()`, `document.forms.x.submit()`… */
function submitsByScript(scripts: string, id: string | undefined, index: number): boolean {
  if (!/\.submit\s*\(\s*\)/.test(scripts)) return false;
  const quoted = id !== undefined ? id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : undefined;
  return (
    new RegExp(`document\\.forms\\s*\\[\\s*${index}\\s*\\]`).test(scripts) ||
    (quoted !== undefined && new RegExp(`(['"])${quoted}\\1`).test(scripts)) ||
    (index === 0 && /document\.querySelector\(\s*['"]form['"]\s*\)/.test(scripts))
  );
}
