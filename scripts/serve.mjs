// A static server for dist/ on localhost (sirv), used by `npm start`, the browser tests and
// the page benchmark. Serves only files; the page makes no other request.
import http from 'node:http';
import sirv from 'sirv';
import path from 'node:path';
import { root } from './setup.mjs';

/** Starts serving dist/; resolves to { url, close }. Port 0 picks a free port. */
export function serve({ port = 0, host = '127.0.0.1', dir = path.join(root, 'dist') } = {}) {
  const files = sirv(dir, { dev: true, etag: true });
  const server = http.createServer((req, res) => {
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('未找到');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ url: `http://${host}:${address.port}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
