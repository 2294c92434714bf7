/**
 * The crash suite's processes (issue 6): the real Chromium process behind a persistent context
 * and its hard kill, the reference intranet as a child process that can be frozen, killed and
 * restarted, and a proxy that delays idea PUTs so a kill lands mid-sync.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { spawnIntranet } from '../../support/intranet';
import { sleep } from './crash-plan';

// ---------------------------------------------------------------------------------------------
// The real Chromium process behind a Playwright persistent context

function cmdlineOf(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined;
  }
}

/** Every process started for the profile `userDataDir` (browser and helpers). */
export function profileProcesses(userDataDir: string): Array<{ pid: number; args: string[] }> {
  const flag = `--user-data-dir=${userDataDir}`;
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const args = cmdlineOf(entry);
    if (args?.includes(flag)) found.push({ pid: Number(entry), args });
  }
  return found;
}

/** The browser process (not a renderer, GPU or utility helper) of the profile `userDataDir`. */
export function browserPid(userDataDir: string): number {
  const candidates = profileProcesses(userDataDir).filter((p) => !p.args.some((a) => a.startsWith('--type=')) && /chrom/i.test(p.args[0] ?? ''));
  if (candidates.length !== 1) throw new Error(`expected one browser process for ${userDataDir}, found ${candidates.length}`);
  return candidates[0]!.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process group of `pid` (field 5 of /proc/<pid>/stat). */
function processGroup(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/**
 * Kills Chromium with SIGKILL — no unload, no flush, no clean shutdown. Playwright starts the
 * browser as the leader of its own process group, so the signal goes to the whole group at once:
 * the browser, its storage service (where IndexedDB lives), the network service and every renderer
 * die in the same instant, as in a power cut of the browser. Then waits until the profile is free.
 * Returns the time of the kill.
 */
export async function killBrowser(pid: number, userDataDir: string): Promise<number> {
  const group = processGroup(pid);
  const at = Date.now();
  process.kill(group === pid ? -pid : pid, 'SIGKILL');
  const deadline = Date.now() + 15_000;
  while (alive(pid) || profileProcesses(userDataDir).length > 0) {
    if (Date.now() > deadline) {
      for (const p of profileProcesses(userDataDir)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await sleep(25);
  }
  return at;
}

// ---------------------------------------------------------------------------------------------
// The reference intranet as a child process (`tsx intranet/main.ts`): frozen, killed, restarted

export interface IntranetProcess {
  url: string;
  port: number;
  dataDir: string;
  /** The PID of the running server. */
  pid(): number;
  /** SIGSTOP: connections are accepted by the kernel but nothing answers (a hung server). */
  freeze(): void;
  /** SIGCONT */
  thaw(): void;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `intranet/main.ts` as a child process on a free port with `dataDir`. */
export async function startIntranetProcess(dataDir: string): Promise<IntranetProcess> {
  const first = await spawnIntranet(0, dataDir);
  let child = first.child;
  const url = first.url;
  const port = Number(new URL(url).port);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url,
    port,
    dataDir,
    pid: () => child.pid!,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    kill,
    async restart() {
      await kill();
      ({ child } = await spawnIntranet(port, dataDir));
    },
    async close() {
      child.kill('SIGCONT');
      await kill();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A proxy in front of the intranet that delays idea PUTs, so a kill lands mid-sync

export interface DelayProxy {
  url: string;
  /** PUTs wait before going on until `release()`. */
  hold(): void;
  release(): void;
  /** Called when a PUT is forwarded to the intranet and when its answer came back (before it is passed on). */
  onPut(listener: (event: 'forwarded' | 'answered', id: string) => void): () => void;
  close(): Promise<void>;
}

/**
 * Forwards everything to `target`; `PUT …/ideas/{id}` waits `before` ms before it is forwarded and
 * its answer `after` ms before it is passed back — the window in which the intranet has stored an
 * idea that the client does not know about yet. Upstream failures reset the client's connection.
 */
export async function startDelayProxy(target: string, delays: () => { before: number; after: number }): Promise<DelayProxy> {
  const upstream = new URL(target);
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const listeners = new Set<(event: 'forwarded' | 'answered', id: string) => void>();
  const emit = (event: 'forwarded' | 'answered', id: string) => listeners.forEach((l) => l(event, id));

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const match = req.method === 'PUT' ? /\/ideas\/([^/?]+)$/.exec(req.url ?? '') : null;
        const { before, after } = match ? delays() : { before: 0, after: 0 };
        if (match) {
          if (gate) await gate;
          if (before) await sleep(before);
          emit('forwarded', match[1]!);
        }
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer: IncomingMessage) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              void (async () => {
                if (match) {
                  emit('answered', match[1]!);
                  if (after) await sleep(after);
                }
                if (res.destroyed) return;
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(Buffer.concat(body));
              })();
            });
            answer.on('error', () => res.destroy());
          },
        );
        forward.on('error', () => res.destroy());
        forward.end(Buffer.concat(chunks));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hold() {
      gate ??= new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      open?.();
      gate = undefined;
      open = undefined;
    },
    onPut(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        open?.();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
