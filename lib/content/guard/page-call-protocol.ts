/**
 * What Airlock's MAIN-world hooks and the isolated guard say to each other. Types and names only: the
 * MAIN-world script imports this file and nothing else, so it stays a few hundred bytes.
 *
 * The channel: at document_start, before any page script exists, the isolated world dispatches
 * PORT_EVENT (a MessageEvent carrying one end of a MessageChannel) on the window; the MAIN-world
 * script takes it, cancels the event to say so, and from then on talks only over that port. Event
 * order between the two worlds is not fixed, so whichever runs second completes the handshake
 * (READY_EVENT asks for the port again). A page can neither read nor write that port: every dispatch
 * happened before its first script ran.
 */

export const PORT_EVENT = 'airlock:page-call-port';
export const READY_EVENT = 'airlock:page-call-ready';
/**
 * Dispatched (cancelable, composed, synchronous) on a form whose page code called `form.submit()`. The isolated
 * guard cancels it when it holds the form; it then submits the form itself once approved (the
 * isolated world's own `HTMLFormElement.prototype.submit` is the browser's, untouched by any page).
 */
export const FORM_SUBMIT_EVENT = 'airlock:form-submit';

/** What the page passed to `new PaymentRequest(methodData, details)`, copied once at construction. */
export interface PaymentRequestSnapshot {
  methods: string[];
  total: { label: string; currency: string; value: string } | null;
  displayItems: Array<{ label: string; currency: string; value: string }>;
  /** A payee the page declares in its method data (`payeeName`, `merchantName`, `merchantInfo.merchantName`). */
  declaredPayee: string | null;
  /** JSON of everything passed, for the digest. */
  json: string;
}

/** MAIN → isolated: page code called `show()`; `request` is null if Airlock did not see it constructed. */
export interface PaymentShowReport {
  type: 'payment-show';
  call: number;
  request: PaymentRequestSnapshot | null;
}

/** Isolated → MAIN: whether the held call may go through (once). */
export interface PageCallDecision {
  type: 'decision';
  call: number;
  go: boolean;
}

export function isPaymentShowReport(value: unknown): value is PaymentShowReport {
  const v = value as PaymentShowReport | null;
  return typeof v === 'object' && v !== null && v.type === 'payment-show' && Number.isSafeInteger(v.call) && (v.request === null || typeof v.request === 'object');
}

export function isPageCallDecision(value: unknown): value is PageCallDecision {
  const v = value as PageCallDecision | null;
  return typeof v === 'object' && v !== null && v.type === 'decision' && Number.isSafeInteger(v.call) && typeof v.go === 'boolean';
}

/**
 * Isolated → MAIN, synchronously (a CustomEvent whose `detail` is the JSON list): the placeholders
 * Airlock fills into this document. Sent in the same task as the fill, before the page's submit
 * handler can call `fetch`; a port message would arrive a task too late. Not secrets (the page holds
 * them too); a page that dispatches this event itself only sends its own requests through Airlock,
 * which sends nothing it did not fill.
 */
export const PLACEHOLDERS_EVENT = 'airlock:placeholders';

/** What a page's `fetch` or `XMLHttpRequest` was about to send, read by the MAIN-world hook. */
export interface PageRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: string;
}

/** MAIN → isolated: the page's own script sends a placeholder; Airlock may send the request instead. */
export interface SwapFetchReport {
  type: 'swap-fetch';
  call: number;
  request: PageRequest;
}

/** The site's answer as the page's script receives it. */
export interface PageResponse {
  status: number;
  statusText: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Isolated → MAIN: the site's answer to the request Airlock sent, or null: let the page's own request go (with the placeholder). */
export interface SwapFetchAnswer {
  type: 'swap-result';
  call: number;
  response: PageResponse | null;
}

export function isSwapFetchReport(value: unknown): value is SwapFetchReport {
  const v = value as SwapFetchReport | null;
  return typeof v === 'object' && v !== null && v.type === 'swap-fetch' && Number.isSafeInteger(v.call) && typeof v.request === 'object' && v.request !== null && typeof v.request.url === 'string' && typeof v.request.body === 'string';
}
