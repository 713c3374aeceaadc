import type { OutgoingRequest } from './swap-request';

/** declarativeNetRequest session rule ids for swap requests (the OAuth broker's rules use 6000-6999). */
export const SWAP_RULE_FIRST = 7000;
export const SWAP_RULE_LAST = 7999;

/** `Sec-Fetch-Site` (Fetch Metadata §2.1) of a request from `from` to `to`: what the page's own request would carry. */
export function fetchSite(from: string, to: string, siteOf: (origin: string) => string | null): 'same-origin' | 'same-site' | 'cross-site' {
  if (from === to) return 'same-origin';
  const a = siteOf(from);
  return a !== null && a === siteOf(to) && new URL(from).protocol === new URL(to).protocol ? 'same-site' : 'cross-site';
}

/**
 * The headers a page's own request would carry and an extension's does not: without them, a site's
 * CSRF defence refuses the sign-in (measured here: an extension's fetch sends `Origin:
 * chrome-extension://<id>` and `Sec-Fetch-Site: none`, and no `Referer`). Set by a declarativeNetRequest
 * rule on that one request, since `fetch` itself may not set them.
 */
export function pageHeaders(request: OutgoingRequest, site: 'same-origin' | 'same-site' | 'cross-site'): Array<{ header: string; value: string }> {
  const headers = [
    { header: 'origin', value: request.origin },
    { header: 'referer', value: request.referrer },
    { header: 'sec-fetch-site', value: site },
    { header: 'sec-fetch-mode', value: request.mode },
    { header: 'sec-fetch-dest', value: request.mode === 'navigate' ? 'document' : 'empty' },
  ];
  if (request.mode === 'navigate') {
    headers.push({ header: 'sec-fetch-user', value: '?1' }, { header: 'accept', value: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, { header: 'upgrade-insecure-requests', value: '1' });
  }
  return headers;
}

/** RE2 (declarativeNetRequest's `regexFilter`) matching exactly `url`. */
export function exactUrlRegex(url: string): string {
  return `^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}
