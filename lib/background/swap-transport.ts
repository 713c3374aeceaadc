import { browser, type Browser } from 'wxt/browser';
import { parse as parseDomain } from 'tldts';
import type { IncomingResponse, OutgoingRequest, SwapTransport } from '../takeover/swap-request';
import { exactUrlRegex, fetchSite, pageHeaders, SWAP_RULE_FIRST, SWAP_RULE_LAST } from '../takeover/swap-headers';
import { sendSwapRequest, type SwapFetchMessage, type SwapFetchReply } from './offscreen-fetch';

type OffscreenApi = {
  offscreen?: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
    hasDocument?(): Promise<boolean>;
  };
};

const OFFSCREEN_PATH = '/offscreen.html';
const REPLY_TIMEOUT_MS = 30_000;

const siteOf = (origin: string) => {
  try {
    return parseDomain(new URL(origin).hostname).domain ?? new URL(origin).hostname;
  } catch {
    return null;
  }
};

/**
 * How Airlock sends a sign-in request in the page's stead (lib/takeover/swap-request.ts). In Chromium
 * it goes from the offscreen document: measured here, Playwright's request events, HAR and trace
 * record an extension worker's requests (bodies included) but not the offscreen document's. Elsewhere
 * (Firefox's background page) it goes from the worker itself. Either way a declarativeNetRequest rule
 * for that one request gives it the headers the page's own request would carry (Origin, Referer,
 * Sec-Fetch-*), and it carries the browser's cookies for the site.
 */
export function startSwapTransport(): { transport: SwapTransport; dropHiddenDocuments(): Promise<void> } {
  const offscreen = (globalThis as { chrome?: OffscreenApi }).chrome?.offscreen;
  let port: Browser.runtime.Port | null = null;
  let waitingForPort: Array<(port: Browser.runtime.Port | null) => void> = [];
  let creating: Promise<void> | null = null;
  let nextId = 1;
  let nextRule = SWAP_RULE_FIRST;
  const replies = new Map<number, (reply: SwapFetchReply) => void>();

  // Only Airlock's own offscreen document may serve: a page in a tab (which the own-page watch closes)
  // could connect under the same name, but not from that URL without a tab.
  browser.runtime.onConnect.addListener((candidate) => {
    if (candidate.name !== 'airlock-offscreen') return;
    const sender = candidate.sender;
    if (sender?.tab || sender?.url !== browser.runtime.getURL(OFFSCREEN_PATH) || sender?.id !== browser.runtime.id) {
      candidate.disconnect();
      return;
    }
    port = candidate;
    candidate.onMessage.addListener((message) => {
      const reply = message as SwapFetchReply;
      replies.get(reply.id)?.(reply);
      replies.delete(reply.id);
    });
    candidate.onDisconnect.addListener(() => {
      if (port === candidate) port = null;
      for (const [id, answer] of replies) answer({ id, ok: false, error: 'OffscreenClosed' });
      replies.clear();
    });
    for (const resolve of waitingForPort) resolve(candidate);
    waitingForPort = [];
  });

  async function offscreenPort(): Promise<Browser.runtime.Port | null> {
    if (!offscreen) return null;
    if (port) return port;
    const connected = new Promise<Browser.runtime.Port | null>((resolve) => {
      waitingForPort.push(resolve);
      setTimeout(() => resolve(null), 5_000);
    });
    creating ??= offscreen
      .createDocument({ url: OFFSCREEN_PATH, reasons: ['DOM_PARSER'], justification: 'Sends sign-in requests that carry a password, out of the page\'s reach, and reads the site\'s answer.' })
      .catch(() => undefined)
      .finally(() => (creating = null));
    await creating;
    return connected;
  }

  async function viaOffscreen(request: OutgoingRequest): Promise<IncomingResponse | null> {
    const target = await offscreenPort();
    if (!target) return null;
    const id = nextId++;
    const reply = await new Promise<SwapFetchReply>((resolve) => {
      replies.set(id, resolve);
      setTimeout(() => {
        if (replies.delete(id)) resolve({ id, ok: false, error: 'Timeout' });
      }, REPLY_TIMEOUT_MS);
      target.postMessage({ id, request } satisfies SwapFetchMessage);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply.response;
  }

  async function withPageHeaders<T>(request: OutgoingRequest, send: () => Promise<T>): Promise<T> {
    const id = nextRule;
    nextRule = nextRule >= SWAP_RULE_LAST ? SWAP_RULE_FIRST : nextRule + 1;
    const rule: Browser.declarativeNetRequest.Rule = {
      id,
      priority: 1,
      action: { type: 'modifyHeaders', requestHeaders: pageHeaders(request, fetchSite(request.origin, new URL(request.url).origin, siteOf)).map((h) => ({ ...h, operation: 'set' })) } as never,
      condition: {
        regexFilter: exactUrlRegex(request.url),
        initiatorDomains: [browser.runtime.id],
        tabIds: [-1],
        requestMethods: [request.method.toLowerCase()],
        resourceTypes: ['xmlhttprequest'],
      } as never,
    };
    await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id], addRules: [rule] });
    try {
      return await send();
    } finally {
      await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] }).catch(() => undefined);
    }
  }

  return {
    transport: {
      send: (request) => withPageHeaders(request, async () => (await viaOffscreen(request)) ?? sendSwapRequest(request)),
    },
    async dropHiddenDocuments() {
      port?.disconnect();
      port = null;
      if (offscreen) await offscreen.closeDocument().catch(() => undefined);
    },
  };
}
