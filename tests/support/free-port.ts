/**
 * A loopback port nothing listens on: one the OS just gave out and took back. For a server that must be told its port
 * (WebKit's WebDriver server, an intranet restarted on the same port) and for an address where nothing answers.
 * Another process may take it before it is used; callers that bind it retry or tolerate that.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
