import { styleText } from 'node:util';

export interface Style {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export interface StyleOptions {
  /** Forces colours on or off (a `--color` flag, tests); otherwise decided from stream and env. */
  color?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Colours only for a person at a terminal: the stream is a TTY and NO_COLOR is unset or empty
 * (https://no-color.org). CI logs and files get plain text so that tools can read the lines.
 * Node 20.12+ has styleText; the decision is ours, so its own stream check is turned off.
 */
export function createStyle(stream: NodeJS.WritableStream, options: StyleOptions = {}): Style {
  const env = options.env ?? process.env;
  const enabled = options.color ?? ((stream as { isTTY?: boolean }).isTTY === true && !env.NO_COLOR);
  const paint =
    (format: Parameters<typeof styleText>[0]) =>
    (text: string): string =>
      enabled ? styleText(format, text, { validateStream: false }) : text;
  return { green: paint('green'), red: paint('red'), yellow: paint('yellow'), dim: paint('dim'), bold: paint('bold') };
}
