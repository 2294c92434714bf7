/**
 * Launching WebKit — Safari's engine — for the widget's e2e tests (docs/adr/035-webkit-tests.md). Safari itself runs
 * only on Apple's systems and Playwright's WebKit is a patched build that cannot be downloaded here, so the tests use
 * Debian's WebKitGTK: its WebDriver server (`webkit2gtk-driver`) drives MiniBrowser, WebKitGTK's test browser, over
 * classic WebDriver, through selenium-webdriver. MiniBrowser has no headless mode, so it draws on a virtual X display
 * (`xvfb`) started for the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Builder, Key, type WebDriver, type WebElement } from 'selenium-webdriver';
import { freePort } from '../../support/free-port';

/** WebKitGTK's WebDriver server: `WEBKIT_WEBDRIVER_PATH`, else Debian's `webkit2gtk-driver` package. */
export function webkitDriverPath(): string {
  const found = [process.env.WEBKIT_WEBDRIVER_PATH, '/usr/bin/WebKitWebDriver'].find((p) => p && existsSync(p));
  if (!found) throw new Error('WebKitWebDriver not found: apt-get install -y webkit2gtk-driver xvfb, or set WEBKIT_WEBDRIVER_PATH.');
  return found;
}

/** MiniBrowser, installed with WebKitGTK under the machine's library directory (`/usr/lib/<arch>/webkit2gtk-4.1`). */
export function miniBrowserPath(): string {
  if (process.env.WEBKIT_MINIBROWSER_PATH) return process.env.WEBKIT_MINIBROWSER_PATH;
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `/usr/lib/${d.name}/webkit2gtk-4.1/MiniBrowser`)
    .find((p) => existsSync(p));
  if (!found) throw new Error('MiniBrowser not found: apt-get install -y webkit2gtk-driver, or set WEBKIT_MINIBROWSER_PATH.');
  return found;
}

/**
 * Starts a process in a process group of its own (`detached`), so that `kill` ends it and every process it started
 * (WebKitWebDriver starts MiniBrowser, which starts WebKit's web and network processes).
 */
function startGroup(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; stdio: ('ignore' | 'pipe')[] }) {
  const child = spawn(command, args, { ...options, detached: true });
  child.on('error', () => undefined); // reported by the caller's wait (exit code or no answer), not as an uncaught error
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return { child, kill };
}

/** Starts Xvfb on a display it picks itself (`-displayfd`), so that two test processes never share one. */
async function startXvfb(): Promise<{ display: string; kill: (signal: NodeJS.Signals) => void }> {
  const { child, kill } = startGroup('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    const display = await new Promise<string>((resolve, reject) => {
      let out = '';
      (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(`:${out.trim()}`);
      });
      child.on('error', (error) => reject(new Error(`Xvfb did not start (apt-get install -y xvfb): ${error.message}`)));
      child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
      setTimeout(() => reject(new Error(`Xvfb gave no display within 15 s: ${errors}`)), 15_000).unref();
    });
    return { display, kill };
  } catch (error) {
    kill('SIGKILL');
    throw error;
  }
}

/** Waits until the WebDriver server answers its status; fails as soon as it has exited. */
async function waitForDriver(url: string, child: ChildProcess): Promise<void> {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (gone()) throw new Error(`WebKitWebDriver exited (${child.exitCode ?? child.signalCode})`);
    const ready = await fetch(`${url}/status`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    // Ready, and ours: another lane's server could have bound the port our server failed to take.
    if (ready && !gone()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 15 s');
}

/** `promise`, or a rejection after `ms`: a browser that hangs must not hold a test file for its hook's whole timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms).unref();
  });
  return Promise.race([promise, timeout]);
}

export interface WebKit {
  driver: WebDriver;
  /** WebKitGTK's version, as MiniBrowser reports it (`2.50.6`). */
  version: string;
  close(): Promise<void>;
}

/**
 * A MiniBrowser session in a fresh, ephemeral profile (MiniBrowser's automation mode keeps no data between runs), with
 * its own Xvfb display and WebDriver server. Whatever fails on the way, nothing it started is left running.
 */
export async function launchWebKit(): Promise<WebKit> {
  const [driverPath, browserPath] = [webkitDriverPath(), miniBrowserPath()]; // before anything starts
  const xvfb = await startXvfb();
  let server: ReturnType<typeof startGroup> | undefined;
  // Xvfb and the server are process groups of their own (so that MiniBrowser goes with the server), which the test
  // process's end does not reach by itself: its `exit` ends them too.
  const kill = (signal: NodeJS.Signals) => {
    server?.kill(signal);
    xvfb.kill(signal);
  };
  const onExit = () => kill('SIGKILL');
  process.once('exit', onExit);
  const stop = () => {
    process.off('exit', onExit);
    kill('SIGTERM'); // Xvfb removes its lock file and socket on SIGTERM
    setTimeout(() => kill('SIGKILL'), 2_000).unref();
  };
  try {
    // The port is free when picked; another process may take it before the server binds it, so a failed start is
    // tried once more on another.
    let url = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      server = startGroup(driverPath, [`--port=${port}`, '--host=127.0.0.1'], { env: { ...process.env, DISPLAY: xvfb.display }, stdio: ['ignore', 'ignore', 'ignore'] });
      url = `http://127.0.0.1:${port}`;
      try {
        await waitForDriver(url, server.child);
        break;
      } catch (error) {
        server.kill('SIGKILL');
        if (attempt === 2) throw error;
      }
    }
    const driver = await within(
      new Builder()
        .usingServer(url)
        .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: browserPath, args: ['--automation'] } })
        .build(),
      30_000,
      'MiniBrowser session',
    );
    const version = String((await within(driver.getCapabilities(), 10_000, 'MiniBrowser capabilities')).get('browserVersion'));
    return {
      driver,
      version,
      async close() {
        await within(driver.quit(), 5_000, 'quit').catch(() => undefined);
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/** The n-th widget's control matching `selector`, found in its shadow root by the page; waits up to 10 s for it. */
export async function widgetControl(driver: WebDriver, selector: string, index = 0): Promise<WebElement> {
  const find = () => driver.executeScript(
    'return document.querySelectorAll("idesluss-widget")[arguments[1]]?.shadowRoot?.querySelector(arguments[0]) ?? null',
    selector,
    index,
  ) as Promise<WebElement | null>;
  const element = await driver.wait(find, 10_000, `no ${selector} in widget ${index}`);
  return element!;
}

/** The text of the n-th widget's element matching `selector` ('' when there is none). */
export async function widgetText(driver: WebDriver, selector: string, index = 0): Promise<string> {
  return (await driver.executeScript(
    'return document.querySelectorAll("idesluss-widget")[arguments[1]]?.shadowRoot?.querySelector(arguments[0])?.textContent ?? ""',
    selector,
    index,
  )) as string;
}

/** The value of a field in the n-th widget ('' when there is none). */
export async function widgetValue(driver: WebDriver, selector: string, index = 0): Promise<string> {
  return (await driver.executeScript(
    'return document.querySelectorAll("idesluss-widget")[arguments[1]]?.shadowRoot?.querySelector(arguments[0])?.value ?? ""',
    selector,
    index,
  )) as string;
}

/** Waits until the n-th widget has started (IndexedDB open, draft restored), as `widgetReady` does in Firefox. */
export async function widgetReady(driver: WebDriver, index = 0): Promise<void> {
  await driver.wait(
    async () => (await driver.executeScript('return !!document.querySelectorAll("idesluss-widget")[arguments[0]]?.shadowRoot?.querySelector("[part=status]")', index)) === true,
    15_000,
    `widget ${index} did not render`,
  );
  await driver.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; document.querySelectorAll("idesluss-widget")[arguments[0]].ctl.start().then(() => done(), (e) => done(String(e)))',
    index,
  );
}

/** axe-core's browser build, read once. */
let axeSource: string | undefined;

/**
 * axe-core's violations on the page, one line each (rule: targets). axe is evaluated through WebDriver, not added as a
 * `<script>`: the intranet's pages allow only their own scripts (CSP).
 */
export async function axeViolations(driver: WebDriver): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await driver.executeScript(`${axeSource}; window.__axe = axe;`);
  const result = (await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__axe.run(document).then(
       (r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).join(', '))),
       (e) => done(['axe failed: ' + e]));`,
  )) as string[];
  return result;
}

/** Keys by the names the Chromium and Firefox tests give them (tests/e2e/support/focus.ts). */
const KEYS: Record<string, string> = { Tab: Key.TAB, Enter: Key.RETURN, Escape: Key.ESCAPE, ArrowDown: Key.ARROW_DOWN, End: Key.END, ' ': Key.SPACE };

/**
 * The driver in the small page shape the shared helpers take (`focusedId`, `tabTo`, `makeQueuedDue`, `readDrafts`):
 * `evaluate` runs a function that carries no closure in the page and waits for its promise; `keyboard` presses keys
 * where the focus is.
 */
export function asPage(driver: WebDriver) {
  return {
    evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
      return driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve((${fn.toString()})(arguments[0])).then((value) => done({ value }), (e) => done({ error: String(e) }));`,
        arg,
      ).then((answer) => {
        const { value, error } = answer as { value: R; error?: string };
        if (error !== undefined) throw new Error(`in the page: ${error}`);
        return value;
      });
    },
    keyboard: {
      async press(key: string): Promise<void> {
        const named = KEYS[key];
        if (named === undefined && key.length !== 1) throw new Error(`no WebDriver key for ${key}`);
        await driver.actions().sendKeys(named ?? key).perform();
      },
      async type(text: string): Promise<void> {
        await driver.actions().sendKeys(text).perform();
      },
    },
  };
}
