/**
 * What a widget's aria-live region holds. Kept apart from the controller so that the rules of when
 * a screen reader hears what are in one place: the controller says, the element renders `lines()`.
 */

/** One per widget: the latest announcement, and those said just before it. */
export class Announcements {
  /** The latest announcement (`''`: none). */
  text = '';
  /** Announcements made just before it, still in the region as lines of their own (see `say`). */
  earlier: string[] = [];
  private _at = 0;

  /** Puts `text` into the region (`''` empties it). */
  say(text: string, now = Date.now()): void {
    // News that come together (back online, then an idea sent at once) are each a line added to the
    // region, which screen readers say in turn: replacing one text lost the first. Later news
    // starts the region anew.
    this.earlier = text && this.text && now - this._at < 2000 ? [...this.earlier, this.text] : [];
    this._at = now;
    // A repeated message must still be announced: make it differ from the previous one.
    this.text = text && this.text === text ? `${text}\u00a0` : text;
  }

  /** Every line the region shows now, oldest first. */
  lines(): string[] {
    return [...this.earlier, this.text];
  }
}
