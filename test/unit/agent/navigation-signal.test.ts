import { describe, expect, it } from 'vitest';
import { isProtocolNavigation, type CommittedNavigation } from '../../../lib/agent/navigation-signal';

const nav = (transitionType: string, transitionQualifiers: string[] = [], url = 'https://mail.example/login', frameId = 0): CommittedNavigation => ({
  frameId,
  url,
  transitionType,
  transitionQualifiers,
});

// The rows are what Chromium 156 reported to webNavigation.onCommitted for each way a page was opened
// (docs/capabilities.md, "Agent detection", gives the measurement).
describe('isProtocolNavigation', () => {
  it('sees CDP Page.navigate (Playwright goto, Puppeteer goto, chromedriver get, bare CDP)', () => {
    expect(isProtocolNavigation(nav('typed'))).toBe(true);
    expect(isProtocolNavigation(nav('typed', ['server_redirect']))).toBe(true);
    expect(isProtocolNavigation(nav('typed', [], 'file:///tmp/form.html'))).toBe(true);
  });

  it.each([
    ['address bar', nav('typed', ['from_address_bar'])],
    ['address bar, redirected', nav('typed', ['from_address_bar', 'server_redirect'])],
    ['new tab page', nav('typed', [], 'chrome://new-tab-page-third-party/')],
    ['reload', nav('reload')],
    ['back to a typed page', nav('typed', ['forward_back'])],
    ['link, script, window.open, tabs.create / tabs.update', nav('link')],
    ['browser start, or a link another application opened', nav('start_page')],
    ['bookmark', nav('auto_bookmark')],
    ['a subframe', nav('typed', [], 'https://mail.example/frame', 3)],
  ])('never flags a person or a page: %s', (_, details) => {
    expect(isProtocolNavigation(details)).toBe(false);
  });
});
