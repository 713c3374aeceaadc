import { browser } from 'wxt/browser';
import type { TokenPushMessage } from '../messaging/push';

/** What a tab's top frame shows now: its document (where the browser names it) and URL. */
export interface TopDocument {
  documentId?: string;
  url: string;
}

/** Where a token request's answer goes: the asking document, and only it. */
export interface TokenDelivery {
  /** What the tab's top frame shows now; null when the tab is gone. */
  topDocument(tabId: number): Promise<TopDocument | null>;
  /**
   * Sends to the tab's top frame; with a `documentId`, the browser delivers only to that document
   * (and rejects when it is gone).
   */
  send(tabId: number, documentId: string | undefined, message: TokenPushMessage): Promise<void>;
}

export function browserTokenDelivery(): TokenDelivery {
  return {
    async send(tabId, documentId, message) {
      // `documentId` (Chromium 106+) is missing from the polyfill's types.
      const options = (documentId ? { documentId } : { frameId: 0 }) as { frameId?: number };
      await browser.tabs.sendMessage(tabId, message, options);
    },
    async topDocument(tabId) {
      const frame = await browser.webNavigation.getFrame({ tabId, frameId: 0 }).catch(() => null);
      if (!frame) return null;
      const documentId = (frame as { documentId?: string }).documentId;
      return { url: frame.url, ...(documentId ? { documentId } : {}) };
    },
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether the top frame still shows the document that asked. Where the browser names documents
 * (Chromium `documentId`), that exact document; elsewhere (Firefox) a document of the same origin.
 */
export function stillShows(top: TopDocument | null, asker: { documentId?: string; origin: string }): boolean {
  if (!top) return false;
  if (asker.documentId) return top.documentId === asker.documentId;
  return originOf(top.url) === asker.origin;
}
