/**
 * Just enough HTML reading for a user agent without a DOM: the visible text of a server-rendered
 * page, and its forms with what a browser would send for them. It reads the markup a server
 * writes (the provider's pages, a form_post response, an app's own pages), not arbitrary HTML:
 * what needs a script to appear is out of its reach, which is why `click` and `fill` need the
 * browser driver.
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

/**
 * The text a person sees, as `innerText` gives it for server-rendered pages: no head, title, scripts,
 * styles or templates; white space collapsed; a line break around block elements.
 */
export function visibleText(html: string): string {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|title|script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:address|article|aside|blockquote|body|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return unescapeHtml(body)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The page's forms, with their fields, labelled inputs and submit buttons. */
export function forms(html: string): HtmlForm[] {
  const labels = labelsById(html);
  const scripts = [
    ...[...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)].map((m) => m[1]!),
    ...[...html.matchAll(/\son[a-z]+\s*=\s*"([^"]*)"/gi)].map((m) => unescapeHtml(m[1]!)),
  ].join('\n');
  const found: HtmlForm[] = [];
  for (const [index, match] of [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi)].entries()) {
    const attrs = match[1]!;
    const inner = match[2]!;
    const id = attribute(attrs, 'id');
    const action = attribute(attrs, 'action');
    const form: HtmlForm = {
      ...(id !== undefined ? { id } : {}),
      ...(action !== undefined ? { action } : {}),
      method: attribute(attrs, 'method')?.toUpperCase() === 'POST' ? 'POST' : 'GET',
      fields: {},
      labels: {},
      buttons: [],
      autoSubmit: submitsByScript(scripts, id, index),
    };
    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const a = input[1]!;
      const name = attribute(a, 'name');
      const type = (attribute(a, 'type') ?? 'text').toLowerCase();
      if (type === 'submit') {
        form.buttons.push({ text: attribute(a, 'value') ?? 'Submit', ...(name ? { name } : {}), value: attribute(a, 'value') ?? '' });
        continue;
      }
      if (!name || ['button', 'reset', 'file', 'image'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/i.test(a)) continue;
      form.fields[name] = attribute(a, 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
      const inputId = attribute(a, 'id');
      const label = (inputId !== undefined ? labels.get(inputId) : undefined) ?? attribute(a, 'aria-label');
      if (label !== undefined) form.labels[label] = name;
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea\s*>/gi)) {
      const name = attribute(area[1]!, 'name');
      if (name) form.fields[name] = unescapeHtml(area[2]!);
    }
    found.push(form);
  }
  // Buttons anywhere on the page: inside a form, or outside and tied to one by form="id".
  for (const button of buttonsWithOwner(html)) {
    const owner = button.form !== undefined ? found.find((f) => f.id === button.form) : found[button.enclosing ?? -1];
    if (!owner || button.type === 'button' || button.type === 'reset') continue;
    owner.buttons.push({ text: button.text, ...(button.name ? { name: button.name } : {}), value: button.value });
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

export function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!m) return undefined;
  return unescapeHtml(m[1] ?? m[2] ?? m[3] ?? '');
}

function labelsById(html: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const m of html.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label\s*>/gi)) {
    const target = attribute(m[1]!, 'for');
    if (target !== undefined) labels.set(target, visibleText(m[2]!));
  }
  return labels;
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

interface PageButton {
  text: string;
  name?: string;
  value: string;
  type?: string;
  /** The form="id" attribute. */
  form?: string;
  /** Index of the <form> element the button sits in. */
  enclosing?: number;
}

function buttonsWithOwner(html: string): PageButton[] {
  const formSpans = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form\s*>/gi)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return [...html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button\s*>/gi)].map((m) => {
    const a = m[1]!;
    const enclosing = formSpans.findIndex(([from, to]) => m.index! > from && m.index! < to);
    const name = attribute(a, 'name');
    const type = attribute(a, 'type')?.toLowerCase();
    const form = attribute(a, 'form');
    return {
      text: visibleText(m[2]!),
      ...(name ? { name } : {}),
      value: attribute(a, 'value') ?? '',
      ...(type ? { type } : {}),
      ...(form !== undefined ? { form } : {}),
      ...(enclosing >= 0 ? { enclosing } : {}),
    };
  });
}
