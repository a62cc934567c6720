/**
 * Markdown for the job summary. Scenario text is user-controlled: every ASCII punctuation mark
 * Markdown or HTML could read as syntax is backslash-escaped (CommonMark allows that for any ASCII
 * punctuation), and line breaks become spaces, so a title can neither break a table row nor
 * inject a link, an image or HTML.
 */
export function md(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:]/g, (c) => `\\${c}`);
}

/**
 * Text as an inline code span. Backticks cannot be escaped inside one, so they are replaced; a
 * `|` must still be escaped, since GitHub splits table cells before it reads code spans.
 */
export function mdCode(value: string): string {
  return `\`${value.replace(/[\r\n]+/g, ' ').replace(/`/g, 'ʼ').replace(/\|/g, '\\|')}\``;
}
