import { z } from 'zod';
import { oneOf } from '../util/one-of.js';
import type { ClickTarget } from './types.js';

/**
 * How a click finds its element, the way a person would: by role and accessible name first,
 * by visible text, and by CSS selector only when nothing visible identifies it.
 *
 * - `role` may come with `name`; `name` alone means a button or link with that name.
 * - `text` and `selector` stand alone: two ways at once would leave it unclear which one failed.
 */
const clickTargetObject = z
  .strictObject({
    role: z.string().min(1).optional().describe('ARIA role, e.g. button or link (Playwright getByRole).'),
    name: z.string().min(1).optional().describe('Accessible name; without role, a button or link with this name.'),
    text: z.string().min(1).optional().describe('Visible text of the element.'),
    selector: z.string().min(1).optional().describe('CSS selector, when nothing visible identifies the element.'),
  })
  .superRefine(
    oneOf([['role', 'name'], 'text', 'selector'], {
      missing: 'a click target needs role (with an optional name), name, text or selector',
      conflicting: 'use one way to find the element: role/name, text or selector, not several',
    }),
  );

export const clickTargetSchema = z
  .union([z.string().min(1).describe('Visible text of the element.'), clickTargetObject])
  .describe('The element: visible text, or { role, name } / { name } / { text } / { selector }.');

export function toClickTarget(input: z.output<typeof clickTargetSchema>): ClickTarget {
  return typeof input === 'string' ? { text: input } : input;
}

/** `button "Sign out"`, `"Sign in"`, `selector #menu`. */
export function describeClickTarget(t: ClickTarget): string {
  if (t.selector !== undefined) return `selector ${t.selector}`;
  if (t.text !== undefined) return JSON.stringify(t.text);
  const name = t.name !== undefined ? JSON.stringify(t.name) : '';
  return [t.role ?? (name ? 'button or link' : ''), name].filter(Boolean).join(' ');
}
