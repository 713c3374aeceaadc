import { browser } from 'wxt/browser';

/** What a tab's top frame shows now: its document (where the browser names it) and URL. */
export interface TopDocument {
  documentId?: string;
  url: string;
}

export interface TopFrames {
  /** Null when the tab is gone. */
  topDocument(tabId: number): Promise<TopDocument | null>;
}

export function browserTopFrames(): TopFrames {
  return {
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
