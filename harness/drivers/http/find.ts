import { selectAll } from 'css-select';
import { isTag, type AnyNode, type Element } from 'domhandler';
import type { ClickTarget } from '../../scenario/types.js';
import { enclosingForm, inDocument, parseHtml, visibleText } from './html.js';

/**
 * Finding on a server-rendered page what a person clicks or types into, the way the browser
 * driver's Playwright locators find it — so that a scenario means the same element in both
 * drivers:
 *
 * - role + name (getByRole): links (`a[href]`) and buttons (`button`, `input` of type submit,
 *   button, reset or image), and any element by its `role` attribute; the accessible name from
 *   aria-labelledby, aria-label, an input's value or alt, the element's text, then its title;
 * - name alone: a button or a link with that name;
 * - text (getByText): the innermost elements whose text contains it;
 * - a CSS selector (css-select);
 * - a field by its label (getByLabel): `<label for>`, a `<label>` around it, aria-labelledby,
 *   aria-label.
 *
 * Names, texts and labels match as Playwright matches them by default: ignoring case and runs of
 * white space, anywhere in the string. Elements a person cannot see (`hidden`, `aria-hidden`,
 * `display: none` written on the element or a parent, the head, templates) are never found.
 *
 * What a click on the element does without a script is then decided by clickAction: follow a
 * link, submit a form — or nothing a user agent without a script can do, said in words.
 */

/** What clicking an element does in a user agent that runs no script. */
export type ClickAction =
  /** A link: open its URL (as written; resolve against the page). */
  | { kind: 'follow'; href: string }
  /** A form's submit button: submit form number `form` of the page, as a click on this button sends it. */
  | { kind: 'submit'; form: number; button: { text: string; name?: string; value: string }; action?: string; method?: 'GET' | 'POST' }
  /** Nothing but a script could act on it: why, in words. */
  | { kind: 'script'; why: string };

/** A field to type into: its form (number on the page) and the name it is sent under. */
export interface Field {
  form: number | undefined;
  name: string | undefined;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'password', 'url', 'tel', 'number', 'date', 'datetime-local', 'month', 'week', 'time', 'color', 'range']);
const BUTTON_INPUTS = new Set(['submit', 'button', 'reset', 'image']);

/** The elements `target` finds on the page, in document order (a click takes the first). */
export function findClickable(html: string, target: ClickTarget): Element[] {
  const document = parseHtml(html);
  const elements = inDocument(document.children).filter(visible);
  if (target.selector !== undefined) {
    const chosen = new Set<AnyNode>(selectAll<AnyNode, Element>(target.selector, document));
    return elements.filter((e) => chosen.has(e));
  }
  if (target.role !== undefined) return elements.filter((e) => roleOf(e) === target.role && (target.name === undefined || matches(accessibleName(e, document.children), target.name)));
  if (target.text !== undefined) {
    const containing = elements.filter((e) => matches(visibleText(e.children), target.text!));
    return containing.filter((e) => !containing.some((inner) => inner !== e && contains(e, inner)));
  }
  return elements.filter((e) => (roleOf(e) === 'button' || roleOf(e) === 'link') && matches(accessibleName(e, document.children), target.name!));
}

/** What clicking `element` does without a script: the link or the submit button it is, or sits in. */
export function clickAction(html: string, element: Element): ClickAction {
  const forms = inDocument(parseHtml(html).children).filter((e) => e.name === 'form');
  for (let node: Element | null = element; node; node = isTag(node.parent as AnyNode) ? (node.parent as Element) : null) {
    if ((node.name === 'a' || node.name === 'area') && node.attribs.href !== undefined) {
      const href = node.attribs.href.trim();
      if (/^javascript:/i.test(href)) return { kind: 'script', why: `its link runs a script (${href.slice(0, 40)})` };
      if (href.startsWith('#')) return { kind: 'script', why: `its link (${href}) only moves within the page; whatever else happens is a script's doing` };
      return { kind: 'follow', href };
    }
    const submits = (node.name === 'button' && (node.attribs.type ?? 'submit').toLowerCase() === 'submit') || (node.name === 'input' && ['submit', 'image'].includes((node.attribs.type ?? '').toLowerCase()));
    if (submits) {
      const owner = node.attribs.form !== undefined ? forms.find((f) => f.attribs.id === node!.attribs.form) : enclosingForm(node);
      if (!owner) return { kind: 'script', why: 'it is a submit button outside any form' };
      const { name, value, formaction, formmethod } = node.attribs;
      const text = node.name === 'button' ? visibleText(node.children) : (value ?? 'Submit');
      return {
        kind: 'submit',
        form: forms.indexOf(owner),
        button: { text, ...(name ? { name } : {}), value: value ?? '' },
        ...(formaction !== undefined ? { action: formaction } : {}),
        ...(formmethod !== undefined ? { method: formmethod.toUpperCase() === 'POST' ? 'POST' : 'GET' } : {}),
      };
    }
    if (node.name === 'button') return { kind: 'script', why: `it is a button of type "${node.attribs.type}", which does only what a script makes it do` };
    if (node.name === 'input') return { kind: 'script', why: `it is an input of type "${node.attribs.type ?? 'text'}": without a script, only links are followed and forms submitted` };
  }
  return { kind: 'script', why: `it is a <${element.name}>, neither a link nor a form's submit button: a click on it does only what a script makes it do` };
}

/** The fields labelled `label` on the page (getByLabel), each with its form and name; or why one cannot be typed into. */
export function findFields(html: string, label: string): { field: Field; element: Element; refused?: string }[] {
  const document = parseHtml(html);
  const elements = inDocument(document.children).filter(visible);
  const labels = elements.filter((e) => e.name === 'label');
  const forms = elements.filter((e) => e.name === 'form');
  const labelled = (e: Element): string[] => [
    ...labels.filter((l) => (l.attribs.for !== undefined && l.attribs.for === e.attribs.id) || (l.attribs.for === undefined && contains(l, e))).map((l) => visibleText(l.children)),
    ...(e.attribs['aria-labelledby'] !== undefined ? [byIds(e.attribs['aria-labelledby'], document.children)] : []),
    ...(e.attribs['aria-label'] !== undefined ? [e.attribs['aria-label']] : []),
  ];
  return elements
    .filter((e) => ['input', 'textarea', 'select'].includes(e.name) && (e.attribs.type ?? '').toLowerCase() !== 'hidden')
    .filter((e) => labelled(e).some((text) => matches(text, label)))
    .map((element) => {
      const owner = element.attribs.form !== undefined ? forms.find((f) => f.attribs.id === element.attribs.form) : enclosingForm(element);
      const type = (element.attribs.type ?? 'text').toLowerCase();
      const refused =
        element.name === 'select'
          ? 'it is a <select>: choose an option instead of typing'
          : element.name === 'input' && !TEXT_INPUTS.has(type)
            ? `it is an input of type "${type}", which cannot be typed into`
            : element.attribs.disabled !== undefined || element.attribs.readonly !== undefined
              ? 'it is disabled or read-only'
              : undefined;
      return { field: { form: owner ? forms.indexOf(owner) : undefined, name: element.attribs.name }, element, ...(refused ? { refused } : {}) };
    });
}

/** The element's ARIA role, implicit or written. */
function roleOf(e: Element): string | undefined {
  if (e.attribs.role) return e.attribs.role.trim().split(/\s+/)[0];
  if ((e.name === 'a' || e.name === 'area') && e.attribs.href !== undefined) return 'link';
  if (e.name === 'button') return 'button';
  if (e.name === 'input') {
    const type = (e.attribs.type ?? 'text').toLowerCase();
    if (BUTTON_INPUTS.has(type)) return 'button';
    if (type === 'checkbox' || type === 'radio') return type;
    if (TEXT_INPUTS.has(type)) return 'textbox';
  }
  if (e.name === 'textarea') return 'textbox';
  return undefined;
}

function accessibleName(e: Element, root: readonly AnyNode[]): string {
  if (e.attribs['aria-labelledby'] !== undefined) return byIds(e.attribs['aria-labelledby'], root);
  if (e.attribs['aria-label']?.trim()) return e.attribs['aria-label'];
  if (e.name === 'input') {
    const type = (e.attribs.type ?? '').toLowerCase();
    if (type === 'image') return e.attribs.alt ?? e.attribs.value ?? 'Submit';
    return e.attribs.value ?? (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
  }
  const text = [visibleText(e.children), ...imagesIn(e)].filter(Boolean).join(' ');
  return text || (e.attribs.title ?? '');
}

/** The alt text of images in a link or button: part of its name. */
function imagesIn(e: Element): string[] {
  return inDocument(e.children)
    .filter((i) => i.name === 'img' && i.attribs.alt)
    .map((i) => i.attribs.alt!);
}

function byIds(ids: string, root: readonly AnyNode[]): string {
  const all = inDocument(root);
  return ids
    .split(/\s+/)
    .map((id) => all.find((e) => e.attribs.id === id))
    .filter((e): e is Element => e !== undefined)
    .map((e) => visibleText(e.children))
    .join(' ');
}

/** As Playwright matches a name or text by default: case and runs of white space ignored, anywhere in the string. */
function matches(text: string, wanted: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(text).includes(norm(wanted));
}

function contains(outer: Element, inner: AnyNode): boolean {
  for (let node = inner.parent; node; node = node.parent) if (node === outer) return true;
  return false;
}

/** Whether a person could see it: nothing on it or around it hides it. */
function visible(e: Element): boolean {
  for (let node: AnyNode | null = e; node; node = node.parent) {
    if (!isTag(node)) continue;
    if (node.name === 'head' || node.attribs.hidden !== undefined || node.attribs['aria-hidden'] === 'true') return false;
    if (/(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(node.attribs.style ?? '')) return false;
  }
  return !(e.name === 'input' && (e.attribs.type ?? '').toLowerCase() === 'hidden');
}
