import { z } from 'zod';
import { ROUTE_PATTERN, ROUTE_PATTERN_HINT } from './route-pattern.js';
import { INJECTION_POINTS } from './points.js';

const point = z.enum(INJECTION_POINTS);

/**
 * The envelope every fault shares. Decoded before the kind is looked up (toxiproxy decodes its
 * toxics the same way), so its errors read the same whatever the kind.
 */
export const whenSchema = z
  .strictObject({
    endpoint: z
      .union([point, z.array(point).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .describe('Injection point(s); defaults to the kind’s natural point.'),
    client: z.string().min(1).optional().describe('Only requests from this client_id.'),
    nth: z.int().min(1).optional().describe('Only the nth matching request (1-based).'),
    times: z.int().min(1).optional().describe('At most this many applications (once = 1).'),
    probability: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('Apply with this probability, drawn from the run’s seeded generator.'),
    after_ms: z.int().min(0).optional().describe('Only after this long since the fault was set.'),
    route: z
      .string()
      .regex(ROUTE_PATTERN, ROUTE_PATTERN_HINT)
      .optional()
      .describe('Only calls to this route of the mock API, e.g. "GET /api/orders" ("/api/orders": any method); implies endpoint api.'),
  })
  .describe('When the fault applies; every condition is optional.');

/** The envelope as decoded: `endpoint` is always a list. */
export type When = z.output<typeof whenSchema>;
/** The envelope as written: `endpoint` is a point or a list of points. */
export type WhenInput = z.input<typeof whenSchema>;
