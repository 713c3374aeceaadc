import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  /** Origin of the server, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Every request's path and query, in order. */
  requested: string[];
  /** Serves `html` at `path` from now on. */
  route(path: string, html: string): string;
  close(): Promise<void>;
}

/** A loopback HTTP server whose pages the test defines; nothing leaves 127.0.0.1. */
export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    requested.push(req.url ?? '/');
    const html = pages.get((req.url ?? '/').split('?')[0]!);
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? '<!doctype html><title>Not found</title><p>Not found</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requested,
    route(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
