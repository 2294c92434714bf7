/**
 * The typed message protocol between the extension's pages (popup, options) and its background
 * worker (DESIGN section 9). Pure: the background checks every message with `parseMessage` and
 * every sender with `isOwnExtensionSender` before acting on it.
 */

/** What a page may ask the background to do. */
export type ExtensionMessage =
  /** Run sync now, ignoring backoff: the user pressed "send now". */
  | { type: 'sync-now' }
  /**
   * An idea was just submitted: sync, respecting backoff. Ignoring it here would let every user who
   * submits during an outage hammer the recovering intranet (the herd of DESIGN section 6).
   */
  | { type: 'submitted' }
  /** Settings changed: re-read them, re-create the engine, refresh the badge. */
  | { type: 'settings-changed' }
  /** The popup opened: fetch the challenge list if the cache is empty or old. */
  | { type: 'popup-opened' };

export type ExtensionMessageType = ExtensionMessage['type'];

const TYPES: readonly ExtensionMessageType[] = ['sync-now', 'submitted', 'settings-changed', 'popup-opened'];

/** The reply the background sends to every accepted message. */
export type ExtensionReply = { ok: true } | { ok: false; error: string };

/** Returns the message when `value` is exactly one of ours, else undefined. */
export function parseMessage(value: unknown): ExtensionMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) return undefined;
  if (Object.keys(value).length !== 1) return undefined;
  return { type } as ExtensionMessage;
}

/**
 * The parts of `runtime.MessageSender` we check. Its `tab` is not one of them: an extension page
 * open in a tab has one too, and a content script is refused by its `url`, its web page's.
 */
export interface SenderLike {
  id?: string;
  url?: string;
}

/**
 * True when a message comes from one of this extension's own pages: same extension id, and a URL
 * under the extension's own origin (`chrome-extension://<id>/` or `moz-extension://<uuid>/`).
 * Messages from web pages (externally_connectable) or content scripts (whose `url` is their page's)
 * are refused.
 */
export function isOwnExtensionSender(sender: SenderLike, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || typeof sender.url !== 'string') return false;
  const origin = ownOrigin.endsWith('/') ? ownOrigin : `${ownOrigin}/`;
  return sender.url.startsWith(origin);
}
