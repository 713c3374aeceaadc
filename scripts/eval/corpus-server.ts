/**
 * Serves a corpus directory on loopback. `{{cross-origin}}` in served HTML becomes the same server
 * reached through `localhost` instead of `127.0.0.1`: a different origin (RFC 6454: the host differs),
 * so pages can embed cross-origin frames without a second server.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface CorpusServer {
  origin: string;
  crossOrigin: string;
  close(): Promise<void>;
}

export async function serveDirectory(dir: string, extraRoutes: Record<string, () => string> = {}): Promise<CorpusServer> {
  const root = resolve(dir);
  let port = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = extraRoutes[url.pathname];
      if (route) {
        res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
        res.end(route());
        return;
      }
      const file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const info = await stat(file);
        if (!info.isFile()) throw new Error('not a file');
        let body: Buffer | string = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (extname(file) === '.html') body = body.toString('utf8').replaceAll('{{cross-origin}}', `http://localhost:${port}`);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    crossOrigin: `http://localhost:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
