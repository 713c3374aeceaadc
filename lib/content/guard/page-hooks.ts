/**
 * Airlock's MAIN-world hooks (the only code Airlock runs beside the page's own scripts). They report
 * and wait; the isolated guard decides, with the background. Two calls bypass every DOM event the
 * guard listens to, so they are wrapped here:
 *
 * - `PaymentRequest.prototype.show()` (W3C Payment Request API): a held call waits for the guard's
 *   answer; approved, the browser's own `show()` runs once; denied, expired or unanswerable, the
 *   promise rejects with AbortError and the browser's `show()` never runs.
 * - `HTMLFormElement.prototype.submit()` (HTML §4.10.21.3: no submit event, no validation): the form
 *   is shown to the guard with a synchronous, cancelable event; a held form is submitted later by the
 *   guard itself.
 *
 * - `fetch()` and `XMLHttpRequest.prototype.send()` (the credential swap, docs/credential-swap.md): a
 *   request whose body carries a placeholder Airlock filled is handed to the isolated world, which has
 *   Airlock send it with the real value; the page's script gets the site's answer as if its own
 *   request had returned it. Nothing secret ever reaches this world: only placeholders and answers.
 *
 * What the page passes to `new PaymentRequest()` is copied once (structured clone) and the browser is
 * given that copy, so the amount Airlock reports is the amount the browser's payment sheet receives.
 * Every built-in used after the page's scripts start is captured now: a page that later replaces
 * `Reflect.apply`, `MessageEvent.prototype.data` or `WeakMap.prototype.get` cannot change what these
 * hooks do or forge the guard's answer.
 */
import { FORM_SUBMIT_EVENT, PLACEHOLDERS_EVENT, PORT_EVENT, READY_EVENT, type PageRequest, type PageResponse, type PaymentRequestSnapshot, type PaymentShowReport, type SwapFetchReport } from './page-call-protocol';

type PageWindow = Window & typeof globalThis;

/** What a `new PaymentRequest()` was given (the copy the browser got) and what Airlock read from it. */
interface SeenRequest {
  args: unknown[] | null;
  snapshot: PaymentRequestSnapshot | null;
}

export function installPageHooks(win: PageWindow): void {
  const { apply, construct, getOwnPropertyDescriptor, defineProperty } = win.Reflect;
  const clone = win.structuredClone;
  const stringify = win.JSON.stringify;
  const slice = win.String.prototype.slice;
  const isArray = win.Array.isArray;
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const EventCtor = win.Event;
  const DomException = win.DOMException;
  const PromiseCtor = win.Promise;
  const then = win.Promise.prototype.then;
  const postMessage = win.MessagePort.prototype.postMessage;
  const dataOf = getOwnPropertyDescriptor(win.MessageEvent.prototype, 'data')!.get!;
  const portsOf = getOwnPropertyDescriptor(win.MessageEvent.prototype, 'ports')!.get!;
  const weakGet = win.WeakMap.prototype.get;
  const weakSet = win.WeakMap.prototype.set;
  const resolveWith = win.Promise.resolve;
  const includes = win.String.prototype.includes;
  const requests = new win.WeakMap<object, SeenRequest>();
  // Null prototype: nothing a page puts on Object.prototype is found here.
  const waiting = Object.create(null) as Record<number, (go: boolean) => void>;
  const swapping = Object.create(null) as Record<number, (response: PageResponse | null) => void>;
  let placeholders: readonly string[] = [];
  let port: MessagePort | null = null;
  let calls = 0;

  function onPort(event: Event): void {
    const ports = apply(portsOf, event, []) as readonly MessagePort[];
    if (port || !ports[0]) return;
    port = ports[0];
    event.preventDefault();
    event.stopImmediatePropagation();
    win.removeEventListener(PORT_EVENT, onPort, true);
    port.onmessage = (message: MessageEvent) => {
      const data = apply(dataOf, message, []) as { type?: unknown; call?: unknown; go?: unknown; response?: unknown } | null;
      if (typeof data !== 'object' || data === null) return;
      if (data.type === 'swap-result' && typeof data.call === 'number') {
        const answer = swapping[data.call];
        if (!answer) return;
        delete swapping[data.call];
        answer((data.response as PageResponse | null) ?? null);
        return;
      }
      if (data.type !== 'decision' || typeof data.call !== 'number' || typeof data.go !== 'boolean') return;
      const answer = waiting[data.call];
      if (!answer) return;
      delete waiting[data.call];
      answer(data.go);
    };
  }
  win.addEventListener(PORT_EVENT, onPort, true);
  const detailOf = getOwnPropertyDescriptor(win.CustomEvent.prototype, 'detail')!.get!;
  const parse = win.JSON.parse;
  win.addEventListener(
    PLACEHOLDERS_EVENT,
    (event: Event) => {
      let values: unknown;
      try {
        values = apply(parse, win.JSON, [apply(detailOf, event, [])]);
      } catch {
        return;
      }
      if (isArray(values)) placeholders = (values as unknown[]).filter((value): value is string => typeof value === 'string' && value.length >= 4);
    },
    true,
  );
  apply(dispatch, win, [new EventCtor(READY_EVENT)]);

  const text = (value: unknown, max: number): string => (typeof value === 'string' ? (apply(slice, value, [0, max]) as string) : '');
  const money = (item: unknown): PaymentRequestSnapshot['total'] => {
    const amount = (item as { amount?: { currency?: unknown; value?: unknown } } | null)?.amount;
    if (typeof amount !== 'object' || amount === null) return null;
    return { label: text((item as { label?: unknown }).label, 200), currency: text(amount.currency, 8), value: text(amount.value, 32) };
  };

  function snapshotOf(methodData: unknown, details: unknown): PaymentRequestSnapshot {
    const methods: string[] = [];
    let declaredPayee: string | null = null;
    for (const method of isArray(methodData) ? (methodData as unknown[]) : []) {
      const m = method as { supportedMethods?: unknown; data?: { payeeName?: unknown; merchantName?: unknown; merchantInfo?: { merchantName?: unknown } } } | null;
      if (methods.length < 20) methods[methods.length] = text(m?.supportedMethods, 200);
      declaredPayee ??= text(m?.data?.payeeName, 200) || text(m?.data?.merchantName, 200) || text(m?.data?.merchantInfo?.merchantName, 200) || null;
    }
    const d = details as { total?: unknown; displayItems?: unknown } | null;
    const displayItems: PaymentRequestSnapshot['displayItems'] = [];
    for (const item of isArray(d?.displayItems) ? (d.displayItems as unknown[]) : []) {
      const read = money(item);
      if (read && displayItems.length < 40) displayItems[displayItems.length] = read;
    }
    return { methods, total: money(d?.total), displayItems, declaredPayee, json: text(stringify([methodData, details]), 100_000) };
  }

  const readSnapshot = (methodData: unknown, details: unknown): PaymentRequestSnapshot | null => {
    try {
      return snapshotOf(methodData, details);
    } catch {
      // Unreadable (JSON of a BigInt): show() asks with no amount.
      return null;
    }
  };

  const OriginalRequest = win.PaymentRequest as typeof PaymentRequest | undefined;
  if (OriginalRequest) {
    const show = OriginalRequest.prototype.show;
    win.PaymentRequest = new Proxy(OriginalRequest, {
      construct(target, args, newTarget) {
        let copy: unknown[] | null = null;
        try {
          copy = clone(args) as unknown[];
        } catch {
          // Not cloneable (a function in method data): construct as given; show() then asks with no amount.
        }
        const request = construct(target, copy ?? args, newTarget) as object;
        const seen: SeenRequest = { args: copy, snapshot: copy ? readSnapshot(copy[0], copy[1]) : null };
        apply(weakSet, requests, [request, seen]);
        return request;
      },
    });
    replaceMethod(OriginalRequest.prototype, 'show', {
      show(this: PaymentRequest, ...args: unknown[]): Promise<PaymentResponse> {
        const seen = (apply(weakGet, requests, [this]) as SeenRequest | undefined) ?? null;
        return new PromiseCtor<PaymentResponse>((resolve, reject) => {
          const abort = () => reject(new DomException('Airlock: the human did not approve this payment', 'AbortError'));
          if (!port) return abort();
          const ask = (snapshot: PaymentRequestSnapshot | null, showArgs: unknown[]) => {
            const call = ++calls;
            waiting[call] = (go) => {
              if (!go) return abort();
              apply(then, apply(show, this, showArgs) as Promise<PaymentResponse>, [resolve, reject]);
            };
            const report: PaymentShowReport = { type: 'payment-show', call, request: snapshot };
            apply(postMessage, port!, [report]);
          };
          if (args[0] === undefined) return ask(seen?.snapshot ?? null, args);
          // show(detailsPromise) may change the total (W3C Payment Request §3.3): ask about the details
          // it resolves to, and give the browser that same copy.
          const settled = (update: unknown) => {
            let copy: unknown;
            try {
              copy = clone(update);
            } catch {
              return abort();
            }
            const snapshot = seen?.args ? readSnapshot(seen.args[0], { ...(seen.args[1] as object), ...(copy as object) }) : null;
            ask(snapshot, [apply(resolveWith, PromiseCtor, [copy])]);
          };
          apply(then, apply(resolveWith, PromiseCtor, [args[0]]) as Promise<unknown>, [settled, abort]);
        });
      },
    }.show);
  }

  const submit = win.HTMLFormElement.prototype.submit;
  replaceMethod(win.HTMLFormElement.prototype, 'submit', {
    submit(this: HTMLFormElement): void {
      if (apply(dispatch, this, [new EventCtor(FORM_SUBMIT_EVENT, { cancelable: true, composed: true })])) apply(submit, this, []);
    },
  }.submit);

  installSwapHooks();

  /** Whether `body` carries a placeholder Airlock filled into this document. */
  function carriesPlaceholder(body: string): boolean {
    for (let i = 0; i < placeholders.length; i++) if (apply(includes, body, [placeholders[i]])) return true;
    return false;
  }

  /** Asks the isolated world to send `request` with the real value; null: send the page's own. */
  function askSwap(request: PageRequest): Promise<PageResponse | null> {
    return new PromiseCtor((resolve) => {
      if (!port) return resolve(null);
      const call = ++calls;
      swapping[call] = resolve;
      const report: SwapFetchReport = { type: 'swap-fetch', call, request };
      apply(postMessage, port, [report]);
    });
  }

  function installSwapHooks(): void {
    const originalFetch = win.fetch;
    const RequestCtor = win.Request;
    const ResponseCtor = win.Response;
    const requestText = RequestCtor.prototype.text;
    const requestClone = RequestCtor.prototype.clone;
    const requestUrl = getOwnPropertyDescriptor(RequestCtor.prototype, 'url')!.get!;
    const requestMethod = getOwnPropertyDescriptor(RequestCtor.prototype, 'method')!.get!;
    const requestHeaders = getOwnPropertyDescriptor(RequestCtor.prototype, 'headers')!.get!;
    const headersForEach = win.Headers.prototype.forEach;
    const headerPairs = (headers: Headers): Array<[string, string]> => {
      const pairs: Array<[string, string]> = [];
      apply(headersForEach, headers, [(value: string, name: string) => (pairs[pairs.length] = [name, value])]);
      return pairs;
    };
    const toResponse = (answer: PageResponse): Response => {
      const response = construct(ResponseCtor, [answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers }]) as Response;
      defineProperty(response, 'url', { value: answer.url });
      return response;
    };

    if (typeof originalFetch === 'function') {
      win.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
        if (placeholders.length === 0 || !port) return apply(originalFetch, this, [input, init]) as Promise<Response>;
        let request: Request;
        try {
          request = construct(RequestCtor, [input, init]) as Request;
        } catch {
          return apply(originalFetch, this, [input, init]) as Promise<Response>;
        }
        const method = apply(requestMethod, request, []) as string;
        if (method === 'GET' || method === 'HEAD') return apply(originalFetch, this, [request]) as Promise<Response>;
        return new PromiseCtor<Response>((resolve, reject) => {
          const sendOwn = () => apply(then, apply(originalFetch, win, [request]) as Promise<Response>, [resolve, reject]);
          const inspect = (body: string) => {
            if (!carriesPlaceholder(body)) return sendOwn();
            const asked: PageRequest = { url: apply(requestUrl, request, []) as string, method, headers: headerPairs(apply(requestHeaders, request, []) as Headers), body };
            apply(then, askSwap(asked), [(answer: PageResponse | null) => (answer ? resolve(toResponse(answer)) : sendOwn()), reject]);
          };
          apply(then, apply(requestText, apply(requestClone, request, []), []) as Promise<string>, [inspect, sendOwn]);
        });
      };
    }

    const Xhr = win.XMLHttpRequest;
    if (!Xhr) return;
    const open = Xhr.prototype.open;
    const send = Xhr.prototype.send;
    const setRequestHeader = Xhr.prototype.setRequestHeader;
    const baseUrl = () => win.document.baseURI;
    const URLCtor = win.URL;
    const seen = new win.WeakMap<XMLHttpRequest, PageRequest & { async: boolean }>();
    replaceMethod(Xhr.prototype, 'open', {
      open(this: XMLHttpRequest, method: string, url: string | URL, async?: boolean, user?: string | null, password?: string | null): void {
        let resolved = String(url);
        try {
          resolved = (construct(URLCtor, [String(url), baseUrl()]) as URL).href;
        } catch {
          // The browser's own open() says what is wrong with it.
        }
        apply(weakSet, seen, [this, { url: resolved, method: String(method).toUpperCase(), headers: [], body: '', async: async !== false }]);
        apply(open, this, arguments.length > 2 ? [method, url, async, user, password] : [method, url]);
      },
    }.open);
    replaceMethod(Xhr.prototype, 'setRequestHeader', {
      setRequestHeader(this: XMLHttpRequest, name: string, value: string): void {
        const info = apply(weakGet, seen, [this]) as (PageRequest & { async: boolean }) | undefined;
        if (info) info.headers[info.headers.length] = [String(name), String(value)];
        apply(setRequestHeader, this, [name, value]);
      },
    }.setRequestHeader);
    replaceMethod(Xhr.prototype, 'send', {
      send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null): void {
        const info = apply(weakGet, seen, [this]) as (PageRequest & { async: boolean }) | undefined;
        // Only text bodies are looked at here (a sign-in sends form or JSON text); a synchronous request cannot wait.
        if (!info || !info.async || placeholders.length === 0 || !port || typeof body !== 'string' || !carriesPlaceholder(body)) return apply(send, this, [body]);
        apply(then, askSwap({ url: info.url, method: info.method, headers: info.headers, body }), [
          (answer: PageResponse | null) => (answer ? completeXhr(this, answer) : apply(send, this, [body])),
          () => apply(send, this, [body]),
        ]);
      },
    }.send);

    /** Makes the request look answered to the page's script: status, headers, text, then the events it waits for. */
    function completeXhr(xhr: XMLHttpRequest, answer: PageResponse): void {
      const headerText = answer.headers.map(([name, value]) => `${name}: ${value}`).join('\r\n');
      const type = xhr.responseType;
      let response: unknown = answer.body;
      if (type === 'json') {
        try {
          response = JSON.parse(answer.body);
        } catch {
          response = null;
        }
      }
      const fixed: Record<string, unknown> = { readyState: 4, status: answer.status, statusText: answer.statusText, responseURL: answer.url, response, responseText: answer.body };
      for (const name in fixed) defineProperty(xhr, name, { configurable: true, value: fixed[name] });
      defineProperty(xhr, 'getAllResponseHeaders', { configurable: true, value: () => headerText });
      defineProperty(xhr, 'getResponseHeader', {
        configurable: true,
        value: (name: string) => answer.headers.find(([candidate]) => candidate.toLowerCase() === String(name).toLowerCase())?.[1] ?? null,
      });
      for (const type of ['readystatechange', 'load', 'loadend']) apply(dispatch, xhr, [new EventCtor(type)]);
    }
  }

  function replaceMethod(proto: object, name: string, method: (...args: never[]) => unknown): void {
    const descriptor = getOwnPropertyDescriptor(proto, name);
    if (descriptor) defineProperty(proto, name, { ...descriptor, value: method });
  }
}
