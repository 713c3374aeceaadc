import { call } from '../messaging/call';

/** Whether the browser runs headless: Chromium's headless mode names itself in its user agent. */
export function isHeadless(nav: Navigator): boolean {
  const brands = (nav as Navigator & { userAgentData?: { brands?: Array<{ brand: string }> } }).userAgentData?.brands ?? [];
  return /\bHeadlessChrome\//.test(nav.userAgent) || brands.some((b) => b.brand === 'HeadlessChrome');
}

/**
 * Reports what the frame shows on load: `navigator.webdriver` (set by WebDriver, and by Chromium
 * under --enable-automation, which Playwright and Puppeteer pass) and a headless browser (nobody can
 * be looking at a headless tab). Human pages send nothing, so the service worker is not woken on
 * every page load. A page may fake either only to add protection.
 */
export function reportSignals(nav: Navigator): void {
  const webdriver = nav.webdriver === true;
  const headless = isHeadless(nav);
  if (!webdriver && !headless) return;
  void call('agent.report', { webdriver, headless }).catch(() => undefined);
}
