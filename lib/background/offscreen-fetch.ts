import type { IncomingResponse, OutgoingRequest } from '../takeover/swap-request';

/** Worker → offscreen document: send this request; the answer carries the same `id`. */
export interface SwapFetchMessage {
  id: number;
  request: OutgoingRequest;
}

export type SwapFetchReply = { id: number; ok: true; response: IncomingResponse } | { id: number; ok: false; error: string };

/** Where a request's answer is cut: more than any sign-in page, less than a worker's memory. */
const MAX_RESPONSE = 4 << 20;

/**
 * Sends a swap request from this context with the browser's cookies for the site (as the page's own
 * request would carry them) and follows redirects, so the cookies a sign-in sets land in the jar the
 * tab uses. The page-like headers come from a declarativeNetRequest rule the worker set for it.
 */
export async function sendSwapRequest(request: OutgoingRequest): Promise<IncomingResponse> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    credentials: 'include',
    redirect: 'follow',
    cache: 'no-store',
  });
  const body = (await response.text()).slice(0, MAX_RESPONSE);
  return { status: response.status, statusText: response.statusText, url: response.url, redirected: response.redirected, headers: [...response.headers], body };
}

/** The offscreen document's side: answers the worker's requests over its own port, and only those. */
export function serveSwapRequests(port: { onMessage: { addListener(listener: (message: unknown) => void): void }; postMessage(message: unknown): void }): void {
  port.onMessage.addListener((message) => {
    const m = message as SwapFetchMessage;
    if (typeof m?.id !== 'number' || typeof m.request?.url !== 'string') return;
    sendSwapRequest(m.request).then(
      (response) => port.postMessage({ id: m.id, ok: true, response } satisfies SwapFetchReply),
      (error: unknown) => port.postMessage({ id: m.id, ok: false, error: (error as Error | null)?.name ?? 'Error' } satisfies SwapFetchReply),
    );
  });
}
