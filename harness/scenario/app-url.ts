import { z } from 'zod';

/** A URL a step opens: a path relative to the app, or an absolute http(s) URL. */
export const appUrlSchema = z
  .string()
  .regex(/^(?:\/|https?:\/\/)/, 'a path starting with "/" or an http(s) URL')
  .describe('A URL, or a path relative to the app (`/profile`).');
