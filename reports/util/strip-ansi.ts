/**
 * Removes terminal escape sequences (colours from Playwright and app logs, hyperlinks) from text
 * bound for files, where they are noise at best and invalid XML at worst.
 */
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

export function stripAnsi(value: string): string {
  return value.replace(ANSI, '');
}
