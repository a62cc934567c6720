import { z } from 'zod';

/**
 * A URL expectation is a substring of the URL, or a regular expression written `/source/flags`
 * (the runner's expect step reads it with the same pattern). Compiled here so a broken regex is
 * reported at load time, positioned, rather than when the step runs.
 */
const REGEX_FORM = /^\/(.*)\/([a-z]*)$/;

export function urlPattern(text: string): RegExp | string {
  const match = REGEX_FORM.exec(text);
  return match ? new RegExp(match[1]!, match[2]) : text;
}

export const urlPatternSchema = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      urlPattern(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message}`, params: { code: 'INVALID_REGEX' } });
    }
  })
  .describe('A substring of the URL, or a regular expression written /source/flags.');
