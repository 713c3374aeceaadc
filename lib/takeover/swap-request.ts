import { AirlockError } from '../errors/airlock-error';
import { substitute, urlEncodedBody } from './swap-body';

/** What the page was about to send, as the content script read it (the placeholder still in it). */
export type SwapSubmission =
  /** A form the page submitted natively (HTML form submission), its entries as `FormData` gives them. */
  | { kind: 'form'; url: string; method: string; enctype: string; fields: Array<[string, string]> }
  /** A `fetch` or `XMLHttpRequest` the page's own code made (through Airlock's MAIN-world hook). */
  | { kind: 'fetch'; url: string; method: string; headers: Array<[string, string]>; body: string };

/** The request Airlock sends in the page's stead, with the real value in it. */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: string;
  /** The frame's origin and URL, sent as `Origin` and `Referer` as the page would have. */
  origin: string;
  referrer: string;
  /** `navigate` for a form, `cors` for a script's request (Fetch §3.2 `Sec-Fetch-Mode`). */
  mode: 'navigate' | 'cors';
}

export interface IncomingResponse {
  status: number;
  statusText: string;
  /** The final URL, after redirects. */
  url: string;
  redirected: boolean;
  headers: Array<[string, string]>;
  body: string;
}

/** Sends an outgoing request out of the page's reach (lib/background/swap-transport.ts). */
export interface SwapTransport {
  send(request: OutgoingRequest): Promise<IncomingResponse>;
}

/** Headers a page may not set on its own request (Fetch §2.2.2 forbidden names), nor Airlock for it. */
const FORBIDDEN_HEADER = /^(accept-charset|accept-encoding|access-control-request-.*|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;
/** Methods a sign-in uses; a secret in a GET would land in the URL, and so in every log on the way. */
const METHODS = new Set(['POST', 'PUT', 'PATCH']);
export const MAX_BODY = 1 << 20;

const refuse = (code: 'CREDENTIAL_SWAP_NOT_FOUND' | 'CREDENTIAL_SWAP_REFUSED', message: string): never => {
  throw new AirlockError(code, message);
};

/**
 * The request to send for `submission`, with every placeholder replaced by `secret` written as the
 * body's type needs. CREDENTIAL_SWAP_REFUSED for a method that would put it in a URL;
 * CREDENTIAL_SWAP_NOT_FOUND when no placeholder is in it (the page transformed the value in script:
 * hashing, encryption), where only the human's consent to a fill in the page could still sign in.
 */
export function buildOutgoing(submission: SwapSubmission, placeholder: string, secret: string, frame: { origin: string; url: string }): OutgoingRequest {
  const method = submission.method.toUpperCase();
  if (!METHODS.has(method)) refuse('CREDENTIAL_SWAP_REFUSED', 'A sign-in is only sent as POST, PUT or PATCH');
  const base = { url: submission.url, method, origin: frame.origin, referrer: frame.url };
  if (submission.kind === 'form') {
    const enctype = submission.enctype.toLowerCase();
    if (enctype !== 'application/x-www-form-urlencoded' && enctype !== 'multipart/form-data' && enctype !== 'text/plain') refuse('CREDENTIAL_SWAP_REFUSED', 'Unknown form encoding');
    let count = 0;
    const fields = submission.fields.map(([name, value]): [string, string] => {
      if (!value.includes(placeholder)) return [name, value];
      count++;
      return [name, value.split(placeholder).join(secret)];
    });
    if (count === 0) refuse('CREDENTIAL_SWAP_NOT_FOUND', 'The form does not carry the placeholder');
    if (enctype === 'multipart/form-data') {
      const boundary = `----airlock${crypto.randomUUID().replace(/-/g, '')}`;
      const body = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
      return { ...base, mode: 'navigate', headers: [['content-type', `multipart/form-data; boundary=${boundary}`]], body };
    }
    if (enctype === 'text/plain') {
      return { ...base, mode: 'navigate', headers: [['content-type', 'text/plain']], body: fields.map(([name, value]) => `${name}=${value}\r\n`).join('') };
    }
    return { ...base, mode: 'navigate', headers: [['content-type', 'application/x-www-form-urlencoded']], body: urlEncodedBody(fields) };
  }
  if (submission.body.length > MAX_BODY) refuse('CREDENTIAL_SWAP_REFUSED', 'The request body is too large');
  const headers = submission.headers.filter(([name]) => !FORBIDDEN_HEADER.test(name));
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
  const replaced = substitute(submission.body, contentType, placeholder, secret);
  if (replaced.count === 0) refuse('CREDENTIAL_SWAP_NOT_FOUND', 'The request does not carry the placeholder');
  return { ...base, mode: 'cors', headers, body: replaced.body };
}
