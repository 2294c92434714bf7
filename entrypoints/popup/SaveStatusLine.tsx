import { useState } from 'preact/hooks';
import type { Messages } from '../../shared/i18n';
import type { EditorModel } from '../../shared/models/types';

/**
 * "Sparat på den här datorn" and its siblings. A failed local write says so and offers to copy the
 * text out (DESIGN section 5), so nothing typed is lost even when IndexedDB is not.
 */
export function SaveStatusLine({ editor, t }: { editor: EditorModel; t: Messages }) {
  const p = t.popup;
  const [copied, setCopied] = useState(false);
  const status = editor.saveStatus.value;
  if (status.kind === 'error') {
    const copy = async () => {
      const { title, description, source } = editor.content.value;
      await navigator.clipboard.writeText([title, description, source?.quote, source?.url].filter(Boolean).join('\n\n'));
      setCopied(true);
    };
    return (
      <p class="error" role="alert">
        {p.saveFailed(status.message)}{' '}
        <button type="button" onClick={copy}>{p.copyText}</button>
        {copied && <span role="status"> {p.copied}</span>}
      </p>
    );
  }
  const text = status.kind === 'saved' ? p.saved : status.kind === 'saving' ? p.saving : p.saveIdle;
  return <p class={`meta ${status.kind === 'saved' ? 'saved' : ''}`} data-save-status={status.kind}>{text}</p>;
}
