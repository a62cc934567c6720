import type { FaultView } from '../../mock-provider/common.js';

/** A main-frame document response from the app: what the person was shown, and how long it took. */
export interface AppResponse {
  url: string;
  status: number;
  /** From the user agent sending the request to the response's headers arriving. */
  ms: number;
  /** Loaded by a `parallel` step's extra tab rather than the person's page. */
  parallel?: true;
}

/**
 * What the user agent showed the person, gathered while steps run; the judge reads it afterwards.
 * Both drivers record it the same way: the browser from its page's events, the http agent from
 * the requests it makes.
 */
export interface Observations {
  appResponses: AppResponse[];
  /** Navigations that got no response at all (reset, refused, aborted), and how long the user agent had waited. */
  navigationFailures: { url: string; error: string; ms: number }[];
  /** Main-frame navigations to the app still waiting for an answer, keyed by the driver's own request object: when each was sent (epoch ms). */
  pending: Map<object, { url: string; sentAt: number }>;
  /** Notes from steps ("the login never reached the provider"), in plain words. */
  notes: string[];
  /** The last URL that came back to the app from the provider (the callback), for replay. */
  lastCallbackUrl?: string;
  /** The authorization request a `login: { stop: before-provider }` kept from the provider. */
  authorizationUrl?: string;
  /** URLs whose next response is the harness's own page, not the app's: left out of appResponses. */
  harnessPages: Set<string>;
  /** The journal's last id when each step began: step i caused the entries after stepMarks[i]. */
  stepMarks: number[];
  /** Each set-faults / clear-faults: when (epoch ms), and the faults it retired with their counters. */
  faultChanges: { at: number; retired: FaultView[] }[];
  /** For recovers-within: when, after which step (0-based), the page showed the signed-in sign. */
  signedInSeen: { at: number; step: number }[];
  /** Ids of the faults set that only set the stage (`stage: true`): their acting does not make a scenario judged. */
  stageFaults: Set<string>;
}

export function newObservations(): Observations {
  return { appResponses: [], navigationFailures: [], pending: new Map(), notes: [], harnessPages: new Set(), stepMarks: [], faultChanges: [], signedInSeen: [], stageFaults: new Set() };
}
