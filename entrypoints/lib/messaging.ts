/**
 * Sending typed messages to the background (shared/config/messages.ts). A sleeping service worker
 * is woken by the message; if it cannot answer (being restarted), the failure is returned, never thrown.
 */
import type { ExtensionMessage, ExtensionReply } from '../../shared/config/messages';
import { ext } from './ext';

/** Sends one message to the background worker and resolves with its reply. */
export async function sendToBackground(message: ExtensionMessage): Promise<ExtensionReply> {
  try {
    const reply = (await ext.runtime.sendMessage(message)) as ExtensionReply | undefined;
    return reply ?? { ok: false, error: 'no reply' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
