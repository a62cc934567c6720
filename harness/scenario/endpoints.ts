import { z } from 'zod';
import { INJECTION_POINTS } from '../../mock-provider/basics.js';

/** The journal records requests by endpoint; `transport` is where TLS faults hook in, never an endpoint. */
export const JOURNAL_ENDPOINTS = INJECTION_POINTS.filter((p) => p !== 'transport');

export const journalEndpoint = z.enum(JOURNAL_ENDPOINTS);
