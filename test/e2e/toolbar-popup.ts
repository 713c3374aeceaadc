import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './extension-browser';
import { openPopup, type ExtensionView } from './extension-view';

/**
 * The toolbar popup's earlier page object, for the scripts that still use it (the demo, the
 * benchmarks): an ExtensionView (extension-view.ts) with the old `waitFor(selector, timeoutMs)`.
 * Specs use `openPopup` directly.
 */
export type ToolbarPopup = ExtensionView & { waitFor(selector: string, timeoutMs?: number): Promise<void> };

export const ToolbarPopup = {
  async open(browser: ExtensionBrowser, page: Page): Promise<ToolbarPopup> {
    const view = await openPopup(browser, page);
    return Object.assign(view, { waitFor: (selector: string, timeoutMs = 5000) => view.waitForSelector(selector, { timeout: timeoutMs }) });
  },
};
