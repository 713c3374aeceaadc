import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { PageStanding } from '../messaging/contract';
import { isOwnPagePushMessage } from '../messaging/push';

export interface PageStandingModel {
  standing: Signal<PageStanding | null>;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface PageStandingDeps {
  /** Runtime messages from the worker (its push when an Airlock page appears in a tab or goes). */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Closes this view: a refused one has nothing left to do, and may hold a page's injected script. */
  close(): void;
  /** When this view was opened (epoch ms). */
  openedAt(): number;
}

/**
 * Whether this view may act: an Airlock page open in a tab stops every decision, and a view that
 * lived beside one is refused for good (lib/own-pages/own-page-watch.ts) and closes itself.
 */
export function createPageStandingModel(deps: PageStandingDeps): PageStandingModel {
  const standing = signal<PageStanding | null>(null);
  async function refresh(): Promise<void> {
    try {
      standing.value = await call('page.status', {});
    } catch {
      // The worker did not answer: the other calls will say why; nothing is allowed on this alone.
      return;
    }
    // Opened before that page was gone: this view may be one it scripted, so it goes.
    const since = standing.value.lastClosedAt ?? standing.value.lastFoundAt;
    if (standing.value.tainted && (since === null || standing.value.openInTabs > 0 || deps.openedAt() <= since)) deps.close();
  }
  const unsubscribe = deps.onMessage((message) => {
    if (isOwnPagePushMessage(message)) void refresh();
  });
  return { standing, refresh, dispose: unsubscribe };
}
