/**
 * The double-press grace of both idea forms (the popup's and the widget's). A successful submit
 * replaces the form with a new, empty draft in the same step (`SubmitOptions.next`), so the second
 * half of a double Enter or double click lands on that empty form and, validated, would flag its
 * title as missing. So a press by the user within `SUBMIT_GRACE_MS` of their last successful submit
 * is ignored; any input ends the grace (the form then clears the time it keeps).
 */

/** How long after a user's successful submit a second press of theirs is taken as part of it. */
export const SUBMIT_GRACE_MS = 500;

/**
 * True when a submit pressed at `now` falls within the grace of the user's last successful submit
 * at `doneAt` (both from the same clock, in ms; `doneAt` 0 means none, or input since): the form
 * ignores that press. Call it before starting a submit; a submit already in flight is the caller's
 * own guard.
 */
export function inSubmitGrace(doneAt: number, now: number): boolean {
  // `doneAt` read first, as the arguments come: the widget's minifier then inlines this whole.
  return doneAt + SUBMIT_GRACE_MS > now;
}
