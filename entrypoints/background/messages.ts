/**
 * The background's message handler: typed messages (shared/config/messages.ts), accepted only from
 * this extension's own pages — never from web pages or content scripts.
 */
import { isOwnExtensionSender, parseMessage, type ExtensionMessage, type ExtensionReply } from '../../shared/config/messages';
import { ext, extensionOrigin } from '../lib/ext';
import type { SyncService } from './sync-service';

function handle(sync: SyncService, message: ExtensionMessage): Promise<void> {
  switch (message.type) {
    case 'sync-now': return sync.sendNow();
    case 'submitted': return sync.onSubmitted();
    case 'popup-opened': return sync.onPopupOpened();
    case 'settings-changed': return sync.reconfigure();
  }
}

/** Registers the listener; call synchronously in `main` so a message can wake the worker. */
export function listenForMessages(sync: SyncService): void {
  ext.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (reply: ExtensionReply) => void) => {
    const message = parseMessage(raw);
    if (!message || !isOwnExtensionSender(sender, ext.runtime.id, extensionOrigin())) {
      sendResponse({ ok: false, error: 'refused' });
      return false;
    }
    const work = handle(sync, message);
    // Reply after the work, so a test or the popup can await it; `return true` keeps the channel open.
    work.then(
      () => sendResponse({ ok: true }),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  });
}
