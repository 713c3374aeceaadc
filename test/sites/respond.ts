import type { ServerResponse } from 'node:http';

export interface ResponseOptions {
  status?: number;
  cookies?: string[];
}

const NO_STORE = 'no-store';

export function sendHtml(response: ServerResponse, html: string, options: ResponseOptions = {}): void {
  response.statusCode = options.status ?? 200;
  if (options.cookies?.length) response.setHeader('Set-Cookie', options.cookies);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  // Pages that carry credentials or one-time tokens must not be cached (RFC 9111 §5.2.2.5).
  response.setHeader('Cache-Control', NO_STORE);
  response.end(html);
}

export function sendJson(response: ServerResponse, body: unknown, options: ResponseOptions = {}): void {
  response.statusCode = options.status ?? 200;
  if (options.cookies?.length) response.setHeader('Set-Cookie', options.cookies);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', NO_STORE);
  response.end(JSON.stringify(body));
}

/** 303 See Other: the follow-up request is a GET, so a reload never re-posts a form (RFC 9110 §15.4.4). */
export function redirect(response: ServerResponse, location: string, options: ResponseOptions = {}): void {
  response.statusCode = options.status ?? 303;
  if (options.cookies?.length) response.setHeader('Set-Cookie', options.cookies);
  response.setHeader('Location', location);
  response.setHeader('Cache-Control', NO_STORE);
  response.end();
}

export function sendNotFound(response: ServerResponse): void {
  response.statusCode = 404;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end('Not found');
}
