/**
 * The isolated world's end of the private channel to Airlock's MAIN-world hooks (see
 * page-call-protocol.ts for the handshake). Reports from the MAIN world are requests, never
 * decisions: the guard and the background decide, and the answer goes back over the same port.
 */
import {
  isPaymentShowReport,
  isSwapFetchReport,
  PORT_EVENT,
  READY_EVENT,
  PLACEHOLDERS_EVENT,
  type PageCallDecision,
  type PageResponse,
  type PaymentShowReport,
  type SwapFetchAnswer,
  type SwapFetchReport,
} from './page-call-protocol';

export interface PageCallChannelDeps {
  win: Window;
  /** Adds a listener that dies with the content script's context. */
  listen(target: EventTarget, type: string, listener: (event: Event) => void): void;
  onInvalidated(callback: () => void): void;
  /** A page's `show()` is waiting; `answer(true)` lets the browser's own `show()` run once. */
  onPaymentShow(report: PaymentShowReport, answer: (go: boolean) => void): void;
  /** A page's script sends a placeholder; `answer(response)` hands it the site's answer, `answer(null)` lets its own request go. */
  onSwapFetch?(report: SwapFetchReport, answer: (response: PageResponse | null) => void): void;
}

export interface PageCallChannel {
  /** Tells the MAIN-world hooks which placeholders to look for in the page's requests. */
  setPlaceholders(values: string[]): void;
}

export function openPageCallChannel(deps: PageCallChannelDeps): PageCallChannel {
  let port: MessagePort | null = null;

  function offer(): void {
    if (port) return;
    const channel = new MessageChannel();
    // Synchronous: the MAIN-world script, if it already runs, takes the port and cancels the event.
    const taken = !deps.win.dispatchEvent(new MessageEvent(PORT_EVENT, { ports: [channel.port2], cancelable: true }));
    if (!taken) {
      channel.port1.close();
      return;
    }
    const mine = channel.port1;
    port = mine;
    mine.onmessage = (message) => {
      const report: unknown = message.data;
      if (isSwapFetchReport(report)) {
        let answered = false;
        const answer = (response: PageResponse | null) => {
          if (answered) return;
          answered = true;
          mine.postMessage({ type: 'swap-result', call: report.call, response } satisfies SwapFetchAnswer);
        };
        if (deps.onSwapFetch) deps.onSwapFetch(report, answer);
        else answer(null);
        return;
      }
      if (!isPaymentShowReport(report)) return;
      let answered = false;
      deps.onPaymentShow(report, (go) => {
        if (answered) return;
        answered = true;
        const decision: PageCallDecision = { type: 'decision', call: report.call, go };
        mine.postMessage(decision);
      });
    };
    deps.onInvalidated(() => mine.close());
  }

  deps.listen(deps.win, READY_EVENT, (event) => {
    event.stopImmediatePropagation();
    offer();
  });
  offer();
  return {
    setPlaceholders(values) {
      deps.win.dispatchEvent(new CustomEvent(PLACEHOLDERS_EVENT, { detail: JSON.stringify(values) }));
    },
  };
}
