/**
 * A pass-through HTTP front for the test intranet whose API can be cut, for browsers whose remote protocol cannot
 * take a page offline or fail its requests (WebKit's classic WebDriver: tests/e2e/webkit-widget.e2e.ts). Pages are
 * loaded through it, so the page's origin is the proxy's; the `Host` header is passed on unchanged, so the intranet's
 * host and same-origin checks see that origin too. A cut API request has its connection destroyed, as a dead network
 * would: the page's `fetch` rejects with a network error, and the intranet never sees the request.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CuttableProxy {
  /** `http://127.0.0.1:<port>`: load pages from here. */
  url: string;
  /** While true, every request whose path starts with `apiPath` fails as on a dead network. */
  cut: boolean;
  /** `METHOD path` of each API request passed on to the intranet (not the cut ones), in order. */
  readonly passed: string[];
  /** While above 0, the intranet's answer to each API `PUT` reaches the page this many milliseconds late (a slow network). */
  slowPutsMs: number;
  /**
   * Serves `body` at `path` on the proxy's origin (the intranet's, to the page: the same IndexedDB and cookies), with
   * `contentType`, `Cache-Control: no-store` and `headers` (a Content-Security-Policy); an HTML body is put in a page
   * that loads the widget (as `servePage` does for Chromium).
   */
  serve(path: string, body: string, contentType?: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Starts the proxy in front of `target` (`http://127.0.0.1:<port>`), cutting requests under `apiPath` when asked. */
export async function startCuttableProxy(target: string, apiPath: string): Promise<CuttableProxy> {
  const upstream = new URL(target);
  const proxy: CuttableProxy = {
    url: '',
    cut: false,
    passed: [],
    slowPutsMs: 0,
    serve(path, body, contentType = 'text/html; charset=utf-8', headers = {}) {
      const page = contentType.startsWith('text/html')
        ? `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Testsida</title>
<script type="module" src="/widget/idesluss-widget.js"></script></head><body><main><h1>Testsida</h1>${body}</main></body></html>`
        : body;
      served.set(path, { body: page, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers } });
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const served = new Map<string, { body: string; headers: Record<string, string> }>();
  const server: Server = createServer((req, res) => {
    const own = served.get(new URL(req.url ?? '/', 'http://proxy').pathname);
    if (own) {
      res.writeHead(200, own.headers);
      res.end(own.body);
      return;
    }
    const isApi = (req.url ?? '').startsWith(apiPath);
    if (isApi && proxy.cut) {
      req.socket.destroy();
      return;
    }
    if (isApi) proxy.passed.push(`${req.method} ${req.url}`);
    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const pass = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (isApi && req.method === 'PUT' && proxy.slowPutsMs > 0) setTimeout(pass, proxy.slowPutsMs);
        else pass();
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
