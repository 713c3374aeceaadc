/**
 * A minimal browser stand-in for the site tests: a cookie jar keyed by host (browsers do not separate
 * cookies by port, RFC 6265 §8.5) and redirect following that stays on loopback, so a redirect to an
 * extension's chromiumapp.org URI is returned instead of fetched.
 */
export interface Page {
  status: number;
  url: string;
  html: string;
  /** Location of a redirect that was not followed (it left loopback). */
  location?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Page> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, fields: Record<string, string>, json = false): Promise<Page> {
    const body = json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
    const type = json ? 'application/json' : 'application/x-www-form-urlencoded';
    return this.request(url, { method: 'POST', body, headers: { 'content-type': type } });
  }

  /**
   * A POST as a browser sends it from the page `from`: `Origin` is the page's origin and `Referer` its
   * URL (same-origin, so not trimmed). `headers` adds to them or replaces them, to play a foreign page.
   */
  async submitFrom(
    from: Page,
    action: string,
    fields: Record<string, string>,
    options: { json?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const body = options.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
    const headers = {
      'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
      origin: new URL(from.url).origin,
      referer: from.url,
      ...options.headers,
    };
    return this.request(new URL(action, from.url).href, { method: 'POST', body, headers });
  }

  async request(url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Page> {
    let current = new URL(url);
    let next: { method: string; body?: string; headers?: Record<string, string> } = init;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, {
        method: next.method,
        body: next.body,
        headers: { ...next.headers, cookie: this.cookieHeader(current) },
        redirect: 'manual',
      });
      this.store(current, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const target = new URL(location, current);
        if (!LOOPBACK.has(target.hostname)) return { status: response.status, url: current.href, html: '', location: target.href };
        current = target;
        next = { method: 'GET' };
        continue;
      }
      return { status: response.status, url: current.href, html: await response.text() };
    }
    throw new Error('too many redirects');
  }

  /** The value this browser would send for `name` to `url`'s host. */
  cookie(url: string, name: string): string | undefined {
    return this.#cookies.get(new URL(url).hostname)?.get(name);
  }

  /** Forgets one cookie, as clearing it in the browser's settings would. */
  dropCookie(url: string, name: string): void {
    this.#cookies.get(new URL(url).hostname)?.delete(name);
  }

  private cookieHeader(url: URL): string {
    const jar = this.#cookies.get(url.hostname) ?? new Map<string, string>();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    const jar = this.#cookies.get(url.hostname) ?? new Map<string, string>();
    this.#cookies.set(url.hostname, jar);
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
  }
}

/** An attribute of the first opening tag that `tagPattern` matches, with HTML entities decoded. */
export function attribute(html: string, tagPattern: RegExp, name: string): string | undefined {
  const tag = tagPattern.exec(html)?.[0];
  const value = tag && new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value?.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Name and value of every `<input type="hidden">` in `html`, as a form submission would send them. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (attribute(tag, /^.*$/s, 'type') !== 'hidden') continue;
    const name = attribute(tag, /^.*$/s, 'name');
    if (name) fields[name] = attribute(tag, /^.*$/s, 'value') ?? '';
  }
  return fields;
}
