/**
 * Focus trap for the launcher's modal <dialog>. `showModal()` makes the page inert, but Tab from
 * the dialog's last control still leaves for the browser's own UI; this keeps Tab and Shift+Tab
 * cycling inside the dialog, as WAI-ARIA's dialog pattern asks.
 */
const FOCUSABLE = 'button, input, select, textarea, a[href]';

/** The dialog's focusable controls, in tab order (none of ours use a positive tabindex). */
export function focusables(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.matches(':disabled') && el.getClientRects().length > 0);
}

/** keydown handler: wraps Tab from the last control to the first and Shift+Tab the other way. */
export function trapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLDialogElement;
  const items = focusables(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
