import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Passed to the app's error handler, which answers with its `status`. */
export class ForeignOriginError extends Error {
  readonly status = 403;
}

/**
 * Express middleware that refuses (403) a state-changing request whose `Origin` header names another
 * origin than the one the request was sent to, as many real apps do on top of their CSRF token. A
 * missing header passes: browsers leave it off some same-origin requests, and non-browser clients
 * never send it. `Origin: null` (a sandboxed or privacy-sensitive context) is refused.
 */
export function refuseForeignOrigin(): RequestHandler {
  return (request, _response, next) => {
    const origin = request.headers.origin;
    if (SAFE_METHODS.has(request.method) || origin === undefined) return next();
    // The Host header is what the browser connected to, so 127.0.0.1 and localhost both work.
    if (origin === `${request.protocol}://${request.headers.host ?? ''}`) return next();
    next(new ForeignOriginError('Cross-origin request refused.'));
  };
}
