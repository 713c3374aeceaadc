/**
 * The content script's half of the credential swap (docs/credential-swap.md). The page holds only a
 * placeholder; when it submits, the request goes to Airlock's worker, which sends it with the real
 * value and hands back the site's answer:
 *
 * - a form the page lets the browser submit natively: taken at the end of the `submit` event (after
 *   the page's own handlers, which may cancel it to send by script instead), its entries read as the
 *   browser would send them, and the site's answer shown in the tab: a redirect is followed, any other
 *   page replaces this document;
 * - a `fetch` or `XMLHttpRequest` of the page's own script: reported by the MAIN-world hook.
 *
 * What the worker refuses (another origin, a request without the placeholder) goes out as the page
 * made it, with the placeholder: the site refuses the sign-in, and no secret left.
 */
import type { PageResponse, SwapFetchReport } from '../guard/page-call-protocol';
import type { IncomingResponse, SwapSubmission } from '../../takeover/swap-request';

export interface SwapSubmitDeps {
  win: Window & typeof globalThis;
  /** Bubble-phase listener on the window, removed with the content script's context. */
  listen(type: string, listener: (event: Event) => void): void;
  submit(swapId: string, submission: SwapSubmission): Promise<IncomingResponse>;
  /** The outcome, for the agent's protocol events. */
  onSent(swapId: string, outcome: { ok: true; status: number } | { ok: false; reason: string }): void;
}

export interface SwapSubmit {
  /** A fill put `placeholder` in this document for the swap `swapId`. */
  add(placeholder: string, swapId: string): void;
  placeholders(): string[];
  /** The MAIN-world hook's report: a page script sends a placeholder. */
  onPageRequest(report: SwapFetchReport, answer: (response: PageResponse | null) => void): void;
}

export function startSwapSubmit(deps: SwapSubmitDeps): SwapSubmit {
  const { win } = deps;
  const active = new Map<string, string>();
  // The browser's own submit, taken before any page script runs (isolated world: a page cannot replace it).
  const nativeSubmit = win.HTMLFormElement.prototype.submit;

  const swapOf = (text: string): [string, string] | null => {
    for (const [placeholder, swapId] of active) if (text.includes(placeholder)) return [placeholder, swapId];
    return null;
  };

  function formEntries(form: HTMLFormElement, submitter: HTMLElement | null): Array<[string, string]> {
    const data = submitter ? new FormData(form, submitter) : new FormData(form);
    const fields: Array<[string, string]> = [];
    for (const [name, value] of data) if (typeof value === 'string') fields.push([name, value]);
    return fields;
  }

  function show(response: IncomingResponse): void {
    const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    if (response.redirected || !/html/i.test(type)) {
      // The site sent the browser on (the usual answer to a good sign-in): go there, its cookies set.
      win.location.assign(response.url);
      return;
    }
    // The site answered with a page here (a failed sign-in, usually): show it as the site meant it.
    const doc = win.document;
    doc.open();
    doc.write(response.body);
    doc.close();
    if (response.url) win.history.replaceState(null, '', response.url);
  }

  async function submitForm(form: HTMLFormElement, submitter: HTMLElement | null, swapId: string): Promise<void> {
    const button = submitter as HTMLButtonElement | HTMLInputElement | null;
    const submission: SwapSubmission = {
      kind: 'form',
      url: button?.formAction || form.action,
      method: (button?.getAttribute('formmethod') ?? form.method ?? 'get').toUpperCase(),
      enctype: button?.getAttribute('formenctype') ?? form.enctype,
      fields: formEntries(form, submitter),
    };
    try {
      const response = await deps.submit(swapId, submission);
      deps.onSent(swapId, { ok: true, status: response.status });
      show(response);
    } catch (error) {
      deps.onSent(swapId, { ok: false, reason: (error as { code?: string }).code ?? 'INTERNAL' });
      // Refused: the page's own submission goes out, with the placeholder only.
      nativeSubmit.call(form);
    }
  }

  deps.listen('submit', (event) => {
    // Cancelled by the page: its script sends the sign-in (the MAIN-world hook sees that).
    if (event.defaultPrevented || active.size === 0) return;
    const form = event.target;
    if (!(form instanceof win.HTMLFormElement)) return;
    const submitter = (event as SubmitEvent).submitter;
    const hit = swapOf(formEntries(form, submitter).map(([, value]) => value).join('\n'));
    if (!hit) return;
    event.preventDefault();
    active.delete(hit[0]);
    void submitForm(form, submitter, hit[1]);
  });

  return {
    add(placeholder, swapId) {
      active.set(placeholder, swapId);
    },
    placeholders: () => [...active.keys()],
    onPageRequest(report, answer) {
      const hit = swapOf(report.request.body);
      if (!hit) return answer(null);
      active.delete(hit[0]);
      const submission: SwapSubmission = { kind: 'fetch', ...report.request };
      deps.submit(hit[1], submission).then(
        (response) => {
          deps.onSent(hit[1], { ok: true, status: response.status });
          answer({ status: response.status, statusText: response.statusText, url: response.url, headers: response.headers, body: response.body });
        },
        (error: unknown) => {
          deps.onSent(hit[1], { ok: false, reason: (error as { code?: string }).code ?? 'INTERNAL' });
          answer(null);
        },
      );
    },
  };
}
