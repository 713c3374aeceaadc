import { call } from '../messaging/call';

/**
 * Reports `navigator.webdriver` (set by WebDriver, and by Chromium under --enable-automation, which
 * Playwright and Puppeteer pass). Human pages send nothing, so the service worker is not woken on
 * every page load.
 */
export function reportSignals(nav: Navigator): void {
  if (nav.webdriver !== true) return;
  void call('agent.report', { webdriver: true }).catch(() => undefined);
}
