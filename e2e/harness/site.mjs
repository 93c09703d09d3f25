// A second origin for test pages (as on a real site, the page and Loupe differ in origin), with
// the endpoints pages exercise: JSON, text, a streaming response, a slow response, a failing
// connection, and a WebSocket echo server.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const pagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'pages');
/** Third-party scripts pages load, by the one path each is served at. */
const vendor = { '/vendor/web-vitals.attribution.iife.js': join(pagesDir, '..', 'node_modules', 'web-vitals', 'dist', 'web-vitals.attribution.iife.js') };

/**
 * Starts the site. {@code loupeUrl} is substituted for {{LOUPE}} in pages; {@code csp} maps a page
 * name to the Content-Security-Policy it is served with.
 */
export async function startSite({ loupeUrl, ingestKey, csp = {} } = {}) {
  /** Requests by path, for tests that check what a page loaded. */
  const hits = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://site');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    try {
      if (url.pathname.startsWith('/api/')) return api(url, req, res);
      if (Object.hasOwn(vendor, url.pathname)) return send(res, 200, 'text/javascript', await readFile(vendor[url.pathname]));
      const name = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '');
      const file = join(pagesDir, name);
      if (!file.startsWith(pagesDir)) return send(res, 404, 'text/plain', 'not found');
      let body = await readFile(file, 'utf8');
      body = body.replaceAll('{{LOUPE}}', loupeUrl ?? '').replaceAll('{{KEY}}', ingestKey ?? '');
      const headers = { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' };
      if (csp[url.pathname]) headers['Content-Security-Policy'] = csp[url.pathname];
      res.writeHead(200, headers).end(body);
    } catch {
      send(res, 404, 'text/plain', 'not found');
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url.startsWith('/ws/echo')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, binary) => ws.send(data, { binary }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    /** How many requests for `path` the site has had. */
    hits: (path) => hits.get(path) ?? 0,
    async stop() {
      wss.clients.forEach((c) => c.terminate());
      await new Promise((r) => server.close(r));
    },
  };
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type }).end(body);
}

async function api(url, req, res) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks).toString('utf8');
  switch (url.pathname) {
    case '/api/json': {
      // `delay` (ms): answered that much later, as a server farther away than loopback would.
      const answer = () => send(res, 200, 'application/json', JSON.stringify({ ok: true, echo: body || null, items: [1, 2, 3] }));
      const delay = Number(url.searchParams.get('delay'));
      return delay > 0 ? void setTimeout(answer, delay) : answer();
    }
    case '/api/pixel':
      // A 1×1 GIF.
      res.writeHead(200, { 'Content-Type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64'));
      return undefined;
    case '/api/text':
      return send(res, 200, 'text/plain', 'plain text body');
    case '/api/redirect':
      // To the plain text body, as a login wall or a moved API sends a request elsewhere.
      res.writeHead(302, { Location: '/api/text?landed=1' }).end();
      return undefined;
    case '/api/status': {
      const code = Number(url.searchParams.get('code') ?? 500);
      return send(res, code, 'application/json', JSON.stringify({ error: `status ${code}` }));
    }
    case '/api/stream': {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(`chunk ${n}\n`);
        if (++n === 5) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
      return undefined;
    }
    case '/api/slow':
      return setTimeout(() => send(res, 200, 'application/json', '{"slow":true}'), Number(url.searchParams.get('ms') ?? 500));
    case '/api/fail':
      return req.socket.destroy();
    case '/api/binary':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return res.end(Buffer.from([0, 1, 2, 3, 254, 255]));
    case '/api/large':
      // About 3 MB of JSON: a body over the record limit (1 MB by default), full of quotes to escape.
      return send(res, 200, 'application/json', JSON.stringify({ items: Array.from({ length: 60_000 }, (_, i) => ({ id: i, name: `item "${i}"`, tags: ['a', 'b'] })) }));
    case '/api/xml':
      return send(res, 200, 'application/xml', '<doc><item>1</item></doc>');
    default:
      return send(res, 404, 'application/json', '{"error":"no such endpoint"}');
  }
}
