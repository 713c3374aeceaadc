/**
 * Decides, once per message, what kind of context sent it. Privilege follows from the kind alone.
 * `sender.origin` is preferred over `sender.url` (Chromium sets it from the browser process and a
 * page cannot influence it); Firefox lacks it, and its `sender.url` for extension pages is set by the
 * browser as well.
 */
export type SenderKind =
  /** A content script of Airlock's, in a web page's frame. */
  | 'content'
  /** An Airlock page not in a tab: the toolbar popup (or an embedded options view). */
  | 'extension-view'
  /** An Airlock page loaded in a tab: reachable by whoever drives that tab, agents included. */
  | 'extension-tab';

export interface MessageSenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; windowId?: number };
  frameId?: number;
  /** Chromium 106+: the sending document's id, new on every navigation or reload. */
  documentId?: string;
}

export interface SenderContext {
  kind: SenderKind;
  origin: string;
  tabId: number | null;
  windowId: number | null;
  frameId: number | null;
  /** The sending document (Chromium); absent where the browser does not tell (Firefox). */
  documentId?: string;
  /** The sending document's URL as the browser reports it (Airlock's own pages only). */
  url?: string;
}

function originOf(sender: MessageSenderLike): string | null {
  if (sender.origin) return sender.origin;
  if (!sender.url) return null;
  try {
    return new URL(sender.url).origin;
  } catch {
    return null;
  }
}

/** Returns null for anything that is not one of Airlock's own contexts. */
export function classifySender(
  sender: MessageSenderLike,
  extensionId: string,
  extensionOrigin: string,
): SenderContext | null {
  if (sender.id !== extensionId) return null;
  const origin = originOf(sender);
  if (origin === null) return null;
  const tabId = sender.tab?.id ?? null;
  const windowId = sender.tab?.windowId ?? null;
  const frameId = sender.frameId ?? null;
  // Where the browser gives no `sender.origin` (Firefox), `sender.url` is all there is, and the URL
  // parser reports moz-extension origins as "null": compare the prefix instead.
  const isExtension = sender.origin
    ? sender.origin === extensionOrigin
    : (sender.url ?? '').startsWith(`${extensionOrigin}/`);
  if (isExtension) {
    const documentId = typeof sender.documentId === 'string' ? { documentId: sender.documentId } : {};
    const url = typeof sender.url === 'string' ? { url: sender.url } : {};
    return { kind: tabId === null ? 'extension-view' : 'extension-tab', origin: extensionOrigin, tabId, windowId, frameId, ...documentId, ...url };
  }
  if (tabId === null) return null;
  return { kind: 'content', origin, tabId, windowId, frameId, ...(sender.documentId ? { documentId: sender.documentId } : {}) };
}
