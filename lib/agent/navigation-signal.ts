/**
 * The "navigation" signal: a top-level navigation sent over a remote-control protocol. CDP's
 * `Page.navigate`, which Playwright's and Puppeteer's `goto`, chromedriver's `get` and bare CDP
 * clients send, reaches `webNavigation.onCommitted` as `typed` without the `from_address_bar`
 * qualifier that a person's typed navigation always carries. The page has no say in it.
 *
 * Measured on Chromium 156 (docs/capabilities.md, "Agent detection"): a person's address-bar entry,
 * new tab page, reload, back and forward, links, script navigation, `window.open`, other
 * extensions' `tabs.create` / `tabs.update` and links other applications open never show this; every `Page.navigate` without a
 * `transitionType` does. A client that passes `transitionType: "link"` is not seen by it.
 */
export interface CommittedNavigation {
  frameId: number;
  url: string;
  transitionType: string;
  transitionQualifiers: readonly string[];
}

/** Whether a committed navigation was sent by a protocol client rather than a person or a page. */
export function isProtocolNavigation(details: CommittedNavigation): boolean {
  if (details.frameId !== 0 || details.transitionType !== 'typed') return false;
  // A person's own typed navigation, or a history step back to one: never a protocol's.
  if (details.transitionQualifiers.some((q) => q === 'from_address_bar' || q === 'forward_back')) return false;
  // The new tab page and other browser pages commit as `typed` too.
  return /^(https?|file):/.test(details.url);
}
