/**
 * Putting the real value where the placeholder stands in a request body, in the form the body's type
 * needs, and taking it out of a response again. Pure: runs in tests, in the worker and in Firefox's
 * background page alike.
 */

/** How `secret` is written inside a body of `contentType` (where the placeholder, letters and digits only, stands as is). */
export function encodeFor(contentType: string | null, secret: string): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return encodeURIComponent(secret).replace(/%20/g, '+');
  if (type === 'application/json' || type.endsWith('+json')) return JSON.stringify(secret).slice(1, -1);
  return secret;
}

/** Replaces every placeholder in `body`; returns how many it replaced (0: the page changed the value, or sent none). */
export function substitute(body: string, contentType: string | null, placeholder: string, secret: string): { body: string; count: number } {
  const parts = body.split(placeholder);
  return { body: parts.join(encodeFor(contentType, secret)), count: parts.length - 1 };
}

/** `application/x-www-form-urlencoded` of a form's entries (HTML §4.10.21.8), the encoding a form POST uses by default. */
export function urlEncodedBody(fields: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(fields.map(([name, value]) => [name, value])).toString();
}

const htmlEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Puts the placeholder back wherever a response echoes the secret (raw, URL- or form-encoded,
 * JSON-escaped, HTML-escaped), so what reaches the page, and anyone reading it, holds the placeholder only.
 */
export function scrub(text: string, secret: string, placeholder: string): string {
  if (secret === '') return text;
  const forms = new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), JSON.stringify(secret).slice(1, -1), htmlEscaped(secret)]);
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(placeholder);
  return out;
}
