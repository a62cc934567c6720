import type { Verdict } from '../model.js';
import type { Style } from './style.js';

const SYMBOLS: Record<Verdict, string> = { pass: '✓', fail: '✗', warn: '!', error: 'E', skipped: '-' };

const COLOURS: Record<Verdict, keyof Style> = {
  pass: 'green',
  fail: 'red',
  warn: 'yellow',
  error: 'red',
  skipped: 'dim',
};

/** The width of the longest label (`- skipped`), so scenario lines line up in a column. */
const WIDTH = Math.max(...Object.entries(SYMBOLS).map(([verdict, symbol]) => symbol.length + 1 + verdict.length));

/** `✓ pass`, `✗ fail`, `! warn`, `E error`, `- skipped`, padded to one width, coloured. */
export function verdictLabel(verdict: Verdict, style: Style): string {
  const label = `${SYMBOLS[verdict]} ${verdict}`;
  return style[COLOURS[verdict]](label) + ' '.repeat(WIDTH - label.length);
}

export function paintVerdict(verdict: Verdict, text: string, style: Style): string {
  return style[COLOURS[verdict]](text);
}
