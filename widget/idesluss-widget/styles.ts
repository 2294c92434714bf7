/**
 * The widget's styles. The wrapper resets every inherited property (`all: initial`; `direction`,
 * which it leaves alone, is set by the wrapper's `dir`) and takes the user's default font size
 * (`medium`), so host-page CSS such as `* { all: unset }` or huge root font sizes cannot reach the
 * form; theming goes through the documented `--idesluss-*` custom properties and `::part`. The
 * form clears the launcher's floated close button, so it keeps the dialog's full width.
 * A plain string without `${}`: the build compacts it (widget/vite.config.ts, `compactLiterals`),
 * and WidgetElement adopts it as one stylesheet shared by every instance.
 */
export const styles = /* css */ `
  :host { display: block; }
  :host([mode=launcher]) { display: inline-block; }
  [hidden] { display: none !important; }
  .base {
    all: initial;
    display: block;
    font-family: var(--idesluss-font-family, system-ui, -apple-system, Segoe UI, Roboto, sans-serif);
    font-size: var(--idesluss-font-size, medium);
    line-height: 1.5;
    color: var(--idesluss-color, #1b1b1b);
    --a: var(--idesluss-accent, #0b4f9c);
    --r: var(--idesluss-radius, 6px);
    --e: var(--idesluss-error, #b3261e);
    --m: var(--idesluss-muted, #4a4a4a);
  }
  .panel, dialog {
    box-sizing: border-box;
    background: var(--idesluss-background, #fff);
    color: inherit;
    font: inherit;
    border: 1px solid var(--idesluss-border, #6b6b6b);
    border-radius: var(--r);
    padding: 1em;
    max-width: 40em;
  }
  dialog { width: min(40em, calc(100vw - 2em)); max-height: calc(100vh - 2em); overflow: auto; }
  dialog::backdrop { background: #0006; }
  h2, h3 { font-size: 1.25em; line-height: 1.3; margin: 0 0 0.75em; font-weight: 700; }
  h3 { font-size: 1.05em; margin: 1.25em 0 0.5em; }
  p { margin: 0.5em 0; }
  form { display: grid; gap: 0.75em; margin: 0; clear: both; }
  label { display: block; font-weight: 600; }
  input, select, textarea, button {
    font: inherit;
    color: inherit;
    box-sizing: border-box;
    margin: 0;
    letter-spacing: normal;
  }
  input:not([type=checkbox]), select, textarea {
    display: block;
    width: 100%;
    padding: 0.4em 0.5em;
    background: var(--idesluss-background, #fff);
    border: 1px solid var(--idesluss-border, #6b6b6b);
    border-radius: var(--r);
    min-height: 2.5em;
  }
  textarea { resize: vertical; min-height: 6em; }
  [aria-invalid=true] { border-color: var(--e) !important; border-width: 2px !important; }
  .check { display: flex; gap: 0.5em; align-items: center; }
  .check label { font-weight: 400; }
  input[type=checkbox] { width: 1.25em; height: 1.25em; accent-color: var(--a); }
  button {
    max-width: 100%;
    cursor: pointer;
    padding: 0.45em 0.9em;
    border-radius: var(--r);
    border: 2px solid var(--a);
    background: var(--idesluss-background, #fff);
    color: var(--a);
    font-weight: 600;
    min-height: 2.5em;
  }
  button[type=submit], .open { background: var(--a); color: var(--idesluss-accent-text, #fff); }
  :focus-visible { outline: 3px solid var(--a); outline-offset: 2px; }
  .close { float: right; margin-left: 1em; position: sticky; top: 0; z-index: 1; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75em; align-items: center; }
  .hint { color: var(--m); font-size: 0.9em; overflow-wrap: anywhere; }
  .hint strong { color: var(--e); }
  .error { color: var(--e); font-weight: 600; margin: 0.25em 0 0; }
  .notice { border-left: 4px solid var(--a); padding: 0.5em 0.75em; background: rgb(11 79 156 / 0.08); overflow-wrap: anywhere; }
  a { color: var(--a); text-decoration: underline; }
  ul { list-style: none; padding: 0; margin: 0 0 0.75em; }
  li { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; align-items: center; padding: 0.5em 0; border-top: 1px solid #ddd; }
  li .title { font-weight: 600; overflow-wrap: anywhere; }
  .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
