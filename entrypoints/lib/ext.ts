/**
 * The one seam around the extension API (hypothesis/browser-extension's chrome-api.ts pattern):
 * everything else imports `ext` from here, so the browser namespace is named once.
 * `wxt/browser` is `browser` on Firefox and `chrome` on Chromium, both promise-based.
 */
import { browser } from 'wxt/browser';

export const ext = browser;

/** The toolbar button API: `action` in MV3, `browserAction` in Firefox's MV2 build. */
export function actionApi(): typeof browser.action {
  return (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction);
}

/** `chrome-extension://<id>/` or `moz-extension://<uuid>/`: the origin of our own pages. */
export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin + '/';
}

/** The build's intranet address (`IDESLUSS_INTRANET`, see wxt.config.ts), or undefined in a generic build. */
export function buildDefaultIntranet(): string | undefined {
  return __IDESLUSS_DEFAULT_INTRANET__ || undefined;
}
