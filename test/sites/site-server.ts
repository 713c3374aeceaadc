import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCookies } from './cookies';
import { readBody } from './read-body';
import type { SiteLogEntry, SiteName } from './site-log';

export interface SiteRequest {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly url: URL;
  readonly cookies: Record<string, string>;
  /** Parses the form or JSON body once and records its field names in the site log. */
  readForm(): Promise<Record<string, string>>;
}

export type SiteHandler = (request: SiteRequest, response: ServerResponse) => Promise<void> | void;

export interface SiteServer {
  readonly url: string;
  /** Handlers are attached after listening, so sites that must know each other's URL can be wired. */
  handle(handler: SiteHandler): void;
  close(): Promise<void>;
}

export interface SiteServerOptions {
  site: SiteName;
  host: string;
  port?: number;
  log: SiteLogEntry[];
}

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  let handler: SiteHandler | undefined;
  const server = createServer((raw, response) => {
    void serve(raw, response);
  });

  async function serve(raw: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', `http://${raw.headers.host ?? options.host}`);
    const method = raw.method ?? 'GET';
    let fields = method === 'GET' ? [...new Set(url.searchParams.keys())] : [];
    let form: Promise<Record<string, string>> | undefined;
    const request: SiteRequest = {
      raw,
      method,
      url,
      cookies: parseCookies(raw.headers.cookie),
      readForm() {
        form ??= readBody(raw).then((body) => {
          fields = Object.keys(body);
          return body;
        });
        return form;
      },
    };
    response.on('finish', () => {
      if (url.pathname === '/favicon.ico') return;
      const status = response.statusCode;
      options.log.push({ site: options.site, path: url.pathname, method, fields, status, ok: status < 400, at: Date.now() });
    });
    try {
      if (url.pathname === '/favicon.ico') {
        response.statusCode = 204;
        response.end();
        return;
      }
      if (!handler) throw new Error(`site ${options.site} has no handler yet`);
      await handler(request, response);
    } catch (error) {
      // Surfaces as a 500 in the log (ok: false); never echoes request data, which may hold secrets.
      if (!response.headersSent) {
        response.statusCode = (error as { code?: string }).code === 'BODY_TOO_LARGE' ? 413 : 500;
        response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      }
      response.end('Something went wrong.');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostInUrl}:${address.port}`,
    handle(next) {
      handler = next;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
