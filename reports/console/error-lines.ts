import type { Style } from './style.js';

/** A run-level error (one that belongs to no scenario): the message, then the stack dimmed. */
export function errorLines(error: { message: string; stack?: string }, style: Style): string[] {
  const lines = [style.red(`Error: ${error.message}`)];
  // V8 stacks repeat the message on their first line; print only the frames.
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)) ?? [];
  return lines.concat(frames.map((frame) => style.dim(frame)));
}
