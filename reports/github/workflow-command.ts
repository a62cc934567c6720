/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), escaped as the
 * runner unescapes them (actions/toolkit's command.ts):
 * - the message: `%` → %25, CR → %0D, LF → %0A (so a multi-line message stays one command);
 * - property values: the same, plus `:` → %3A and `,` → %2C, which would otherwise end the value.
 * Without this a title holding `a, b` or a message holding `::` splits or truncates the command,
 * and a newline in scenario text could start a command of its own.
 */
export type CommandName = 'error' | 'warning' | 'notice';

export function workflowCommand(name: CommandName, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
