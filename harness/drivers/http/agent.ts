import { setTimeout as sleep } from 'node:timers/promises';
import { SETTLE_BEFORE_READING_MS, type AgentSetup, type UserAgent } from '../user-agent.js';
import type { ClickAction, Field } from './find.js';
import { forms, submission, visibleText, type HtmlForm } from './html.js';
import { Transport, type Answer } from './transport.js';

/** What the user agent shows: the last page a navigation ended on. */
export interface HttpPage {
  url: string;
  /** 0 for a page no server answered (about:blank, a page the harness stood in for). */
  status: number;
  body: string;
  contentType: string;
}

/** How a navigation ended, seen from the step that started it. */
export type NavOutcome =
  | { kind: 'page'; page: HttpPage; /** Every URL requested on the way, redirects and self-submitting pages included. */ hops: string[] }
  /** No answer at all: refused, reset, not HTTP. Worded as Chromium words it (net::ERR_…), as the judge reads it. */
  | { kind: 'failed'; url: string; error: string }
  /** Still waiting when the step's time ran out; it goes on in the background, as a browser tab's would. */
  | { kind: 'timeout'; url: string };

export interface NavigateOptions {
  method?: 'GET' | 'POST';
  form?: Record<string, string>;
  timeoutMs: number;
  /** A load of a `parallel` step: recorded as such, and never the page the person is on. */
  parallel?: boolean;
  /** Answer a request in the harness's stead (a login stopped before the provider); undefined lets it through. */
  intercept?: (url: URL) => HttpPage | undefined;
}

export interface AgentOptions extends AgentSetup {
  /** As the browser is told: the provider's front channel may have a certificate from the run CA. */
  ignoreHTTPSErrors: boolean;
}

const BLANK: HttpPage = { url: 'about:blank', status: 0, body: '', contentType: 'text/html' };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** More than a browser would follow before ERR_TOO_MANY_REDIRECTS is a loop, not a flow. */
const MAX_HOPS = 20;
/** Pages that submit a form on load (form_post, the provider's logout) submitted in a row before the agent stops. */
const MAX_AUTO_SUBMITS = 5;

interface Navigation {
  superseded: boolean;
  /** Cancels the request in flight when a new navigation replaces this one, as a browser does. */
  cancel: AbortController;
  /** The hop waiting for an answer: what an abort records. */
  inFlight?: { key: object; url: string; sentAt: number };
}

/**
 * The http driver's user agent, for server-rendered apps, on a wire that reads responses as
 * Chromium does (transport.ts; each scenario a fresh one, so nothing carries over from the
 * scenario before): one cookie jar, redirects followed by hand so every hop is seen (the
 * callback among them), forms submitted as a browser submits
 * them, and pages that submit a form by script (form_post, the provider's logout page) submitted
 * as a browser would run that script.
 *
 * It records what the person sees exactly as the browser driver's page listeners do: each
 * document response from the app with its status and time, navigations that got no answer,
 * loads still waiting, and the last callback. A navigation that outlives its step's time limit
 * is not abandoned: it goes on, as in a browser tab, until it ends or the next navigation
 * replaces it — which cancels its request, and records it as net::ERR_ABORTED, as Chromium does.
 */
export class HttpAgent implements UserAgent {
  readonly name = 'http';
  #page: HttpPage = BLANK;
  #current: Navigation | undefined;
  #text: { page: HttpPage; text: string } | undefined;
  /** What `fill` typed into the forms of the page shown, by form number: sent when that form is submitted. */
  #typed: { page: HttpPage; forms: Map<number, Record<string, string>> } | undefined;
  readonly #appOrigin: string;

  private constructor(
    private readonly wire: Transport,
    private readonly options: AgentOptions,
  ) {
    this.#appOrigin = new URL(options.appUrl).origin;
  }

  static async open(options: AgentOptions): Promise<HttpAgent> {
    return new HttpAgent(new Transport({ ignoreHTTPSErrors: options.ignoreHTTPSErrors }), options);
  }

  /** The page the person is on. */
  get page(): HttpPage {
    return this.#page;
  }

  url(): string {
    return this.#page.url;
  }

  /** What the page shows once a load still in progress has ended (or SETTLE_BEFORE_READING_MS has passed). */
  async text(): Promise<string> {
    await this.settle(SETTLE_BEFORE_READING_MS);
    return this.shownText();
  }

  /** The page's visible text now (an HTML page's rendered text; any other type as sent). */
  shownText(): string {
    if (this.#text?.page !== this.#page) {
      const { body, contentType } = this.#page;
      this.#text = { page: this.#page, text: /html/i.test(contentType) ? visibleText(body) : body };
    }
    return this.#text.text;
  }

  async open(url: string, timeoutMs: number): Promise<boolean> {
    return (await this.navigate(url, { timeoutMs })).kind === 'page';
  }

  /** What the page shows is read from the page each time: nothing to refresh around an action. */
  act<T>(action: () => Promise<T>): Promise<T> {
    return action();
  }

  /** Whether a navigation of the person's page is still waiting for an answer. */
  loading(): boolean {
    return this.#current?.inFlight !== undefined;
  }

  /** Until the navigation in progress ends, or `ms` passes. */
  async settle(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.loading() && Date.now() < deadline) await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
  }

  /** Names of the cookies the agent would send to `url`, as a browser's cookie jar matches them. */
  cookieNames(url: string): Promise<string[]> {
    return this.wire.cookieNames(url);
  }

  /**
   * Open `url` as the person's page (or, with `parallel`, as another tab's), following redirects
   * and pages that submit themselves, until a page is shown, the load fails, or the time is up.
   */
  async navigate(url: string, options: NavigateOptions): Promise<NavOutcome> {
    const nav: Navigation = { superseded: false, cancel: new AbortController() };
    if (!options.parallel) {
      this.#abort(this.#current);
      this.#current = nav;
    }
    const done = this.#run(nav, url, options).catch((error: unknown): NavOutcome => ({ kind: 'failed', url, error: chromiumError(error) }));
    // A plain timer: an aborted timers/promises sleep makes an AbortError (and its stack) per navigation.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, options.timeoutMs, 'timeout')));
    const outcome = await Promise.race([done, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') return { kind: 'timeout', url: nav.inFlight?.url ?? url };
    return outcome as NavOutcome;
  }

  /** Submit `form` of the current page with these fields, as a click on the button with this text does (default: its first). */
  submit(form: HtmlForm, fields: Record<string, string>, options: Omit<NavigateOptions, 'method' | 'form'> & { button?: string }): Promise<NavOutcome> {
    const button = options.button === undefined ? form.buttons[0] : form.buttons.find((b) => b.text === options.button);
    return this.#submit(form, fields, button, options);
  }

  /**
   * Type into a field of the page shown, as `fill` does: the value is sent when the field's form
   * is submitted, and forgotten when another page is shown. A field of no form (or without a
   * name) sends nothing anywhere: typing into it changes nothing a server sees.
   */
  type(field: Field, value: string): void {
    if (this.#typed?.page !== this.#page) this.#typed = { page: this.#page, forms: new Map() };
    if (field.form === undefined || field.name === undefined) return;
    this.#typed.forms.set(field.form, { ...this.#typed.forms.get(field.form), [field.name]: value });
  }

  /** A click that needs no script: follow the link, or submit the form with what was typed into it and the button's own name and value. */
  click(action: Exclude<ClickAction, { kind: 'script' }>, options: Omit<NavigateOptions, 'method' | 'form'>): Promise<NavOutcome> {
    if (action.kind === 'follow') {
      const url = new URL(action.href, this.#page.url);
      url.hash = '';
      return this.navigate(url.href, options);
    }
    const form = forms(this.#page.body)[action.form]!;
    const typed = this.#typed?.page === this.#page ? (this.#typed.forms.get(action.form) ?? {}) : {};
    const as = { ...form, ...(action.action !== undefined ? { action: action.action } : {}), ...(action.method ? { method: action.method } : {}) };
    return this.#submit(as, typed, action.button, options);
  }

  #submit(form: HtmlForm, fields: Record<string, string>, button: HtmlForm['buttons'][number] | undefined, options: Omit<NavigateOptions, 'method' | 'form'>): Promise<NavOutcome> {
    const action = new URL(form.action || this.#page.url, this.#page.url).href;
    const data = submission(form, fields, button);
    if (form.method === 'GET') {
      const target = new URL(action);
      target.search = new URLSearchParams(data).toString();
      return this.navigate(target.href, options);
    }
    return this.navigate(action, { ...options, method: 'POST', form: data });
  }

  /** Ends the agent, and with it any load still waiting. */
  async close(): Promise<void> {
    if (this.#current) this.#current.superseded = true;
    this.wire.close();
  }

  async #run(nav: Navigation, start: string, options: NavigateOptions): Promise<NavOutcome> {
    let url = new URL(start);
    let method = options.method ?? 'GET';
    let form = options.form;
    let fromProvider = false;
    let autoSubmits = 0;
    const hops: string[] = [];
    for (let hop = 0; hop <= MAX_HOPS; hop++) {
      hops.push(url.href);
      const stand = options.intercept?.(url);
      if (stand) return this.#show(nav, stand, options, hops);
      const appOrigin = url.origin === this.#appOrigin;
      const key = {};
      const sentAt = Date.now();
      nav.inFlight = { key, url: url.href, sentAt };
      if (appOrigin) this.#pending().set(key, { url: url.href, sentAt });
      let answer: Answer;
      try {
        answer = await this.wire.send(url, { method, ...(form ? { form } : {}), signal: nav.cancel.signal });
      } catch (error) {
        if (nav.superseded) return { kind: 'failed', url: url.href, error: 'net::ERR_ABORTED' };
        this.#pending().delete(key);
        nav.inFlight = undefined;
        const reason = chromiumError(error);
        this.options.obs.navigationFailures.push({ url: url.href, error: reason, ms: Date.now() - sentAt });
        return { kind: 'failed', url: url.href, error: reason };
      }
      if (nav.superseded) return { kind: 'failed', url: url.href, error: 'net::ERR_ABORTED' };
      this.#pending().delete(key);
      nav.inFlight = undefined;
      const { status, body } = answer;
      if (appOrigin) {
        this.options.obs.appResponses.push({ url: url.href, status, ms: Date.now() - sentAt, ...(options.parallel ? { parallel: true as const } : {}) });
        if (fromProvider) this.options.obs.lastCallbackUrl = url.href;
      }
      if (answer.trailing) {
        this.options.obs.notes.push(
          `the answer from ${url.href} (${status}) went on after its end: ${answer.trailing.bytes} more bytes on the connection, starting ${JSON.stringify(answer.trailing.start)} — not HTTP; a browser shows the answer, drops them and closes the connection, as this driver did`,
        );
      }
      const location = answer.headers.location;
      if (REDIRECTS.has(status) && location) {
        fromProvider = url.origin === this.options.idpOrigin;
        const next = new URL(location, url);
        next.hash = '';
        if (!(status === 307 || status === 308)) {
          method = 'GET';
          form = undefined;
        }
        url = next;
        continue;
      }
      const page: HttpPage = { url: url.href, status, body, contentType: answer.headers['content-type'] ?? '' };
      const shown = this.#show(nav, page, options, hops);
      const auto = /html/i.test(page.contentType) ? forms(body).find((f) => f.autoSubmit) : undefined;
      if (!auto || autoSubmits >= MAX_AUTO_SUBMITS) return shown;
      autoSubmits++;
      const action = new URL(auto.action || url.href, url);
      const data = submission(auto);
      fromProvider = false;
      if (auto.method === 'GET') {
        action.search = new URLSearchParams(data).toString();
        method = 'GET';
        form = undefined;
      } else {
        method = 'POST';
        form = data;
      }
      url = action;
    }
    const error = 'net::ERR_TOO_MANY_REDIRECTS';
    this.options.obs.navigationFailures.push({ url: url.href, error, ms: 0 });
    return { kind: 'failed', url: url.href, error };
  }

  #show(nav: Navigation, page: HttpPage, options: NavigateOptions, hops: string[]): NavOutcome {
    if (!options.parallel && !nav.superseded) this.#page = page;
    return { kind: 'page', page, hops };
  }

  /** A new navigation replaces one still waiting: Chromium records that load as aborted. */
  #abort(nav: Navigation | undefined) {
    if (!nav) return;
    nav.superseded = true;
    nav.cancel.abort();
    const waiting = nav.inFlight;
    if (!waiting) return;
    nav.inFlight = undefined;
    this.#pending().delete(waiting.key);
    this.options.obs.navigationFailures.push({ url: waiting.url, error: 'net::ERR_ABORTED', ms: Date.now() - waiting.sentAt });
  }

  /** Loads still waiting, keyed by an object of the agent's own (the browser keys them by its Request). */
  #pending(): Map<object, { url: string; sentAt: number }> {
    return this.options.obs.pending;
  }
}

/** Node's and Playwright's words for a load that got no answer, in Chromium's (what no-crash reads). */
export function chromiumError(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if (/ECONNREFUSED/.test(message)) return 'net::ERR_CONNECTION_REFUSED';
  if (/socket hang up/i.test(message)) return 'net::ERR_EMPTY_RESPONSE';
  if (/ECONNRESET|EPIPE/.test(message)) return 'net::ERR_CONNECTION_RESET';
  if (/Parse Error|HPE_/i.test(message)) return 'net::ERR_INVALID_HTTP_RESPONSE';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'net::ERR_NAME_NOT_RESOLVED';
  if (/certificate|SSL|TLS/i.test(message)) return 'net::ERR_CERT_INVALID';
  if (/disposed|aborted/i.test(message)) return 'net::ERR_ABORTED';
  if (/ERR_CONTENT_DECODING_FAILED|content decoding failed/.test(message)) return 'net::ERR_CONTENT_DECODING_FAILED';
  return `net::ERR_FAILED (${message.replace(/^apiRequestContext\.fetch: /, '').split('\n')[0]})`;
}
