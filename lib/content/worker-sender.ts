import { PROTECTIONS } from '../security/protections';

/** What `runtime.onMessage` says of a message's sender (the parts this check reads). */
export interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Whether a message reached this content script from Airlock's own worker, and not from another
 * Airlock page: any Airlock page can call `tabs.sendMessage` to this frame, and an agent can open one
 * (docs/threat-model.md). The browser sets `sender.url` to the sending document or worker script; a
 * page cannot choose it. Chromium's worker is `background.js`; Firefox runs the same script in its
 * generated background page.
 */
export function isFromWorker(sender: RuntimeSender | undefined, runtime: { id: string; getURL(path: string): string }): boolean {
  if (!PROTECTIONS.workerOnlyCommands) return true;
  if (!sender || sender.id !== runtime.id || sender.tab !== undefined || typeof sender.url !== 'string') return false;
  return sender.url === runtime.getURL('/background.js') || sender.url === runtime.getURL('/_generated_background_page.html');
}
