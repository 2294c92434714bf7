// @ts-check
/*
 * Runs before the popup's bundle (a classic script, so it is not bundled with it): shows the static
 * title field of popup.html in the language of the last popup, which main.tsx stores under this key
 * (entrypoints/popup/early-title.ts). Text only, and nothing but two known strings is read. It also
 * journals what is typed into the field, so a popup closed before the hand-over loses nothing.
 */
// Marks an IME composition (or a dead key) in progress: the form takes the field over only once it
// has ended (early-title.ts `whenNotComposing`).
const earlyInput = /** @type {HTMLInputElement} */ (document.querySelector('#early input'));
earlyInput.addEventListener('compositionstart', () => earlyInput.setAttribute('data-composing', ''));
earlyInput.addEventListener('compositionend', () => earlyInput.removeAttribute('data-composing'));

// The static field's own journal. Browser constraint: the popup is destroyed the instant it loses
// focus, and until the bundle has loaded nothing else holds these keys. localStorage is written
// synchronously on each input, so text typed here survives a popup closed before the hand-over; the
// next popup puts it into a draft (early-title.ts `replayEarlyEntries`), and this popup's own entry
// is removed once the form has taken the field over. One key per popup, so two popups never share one.
const journalKey = `idesluss:early:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
earlyInput.dataset.journal = journalKey;
function journalEarlyTitle() {
  // Taken over by the form (early-title.ts), or gone: a late compositionend must not journal again.
  if (!earlyInput.isConnected) return;
  try {
    if (earlyInput.value) localStorage.setItem(journalKey, JSON.stringify({ title: earlyInput.value, at: Date.now() }));
    else localStorage.removeItem(journalKey);
  } catch {
    // Storage full or disabled: the field still hands its text over if the popup stays open.
  }
}
earlyInput.addEventListener('input', () => {
  if (!earlyInput.hasAttribute('data-composing')) journalEarlyTitle();
});
earlyInput.addEventListener('compositionend', journalEarlyTitle);

try {
  // No popup has stored its language yet (the first one after installing): the browser's, as the
  // `browser` default setting has it (shared/domain/idea.ts `langFromTag`; the words are popup.ts's).
  const first = navigator.language.toLowerCase().startsWith('en') ? { lang: 'en', heading: 'New idea', title: 'Title' } : null;
  const early = JSON.parse(localStorage.getItem('idesluss:popup-early') || 'null') ?? first;
  if (early && (early.lang === 'sv' || early.lang === 'en') && typeof early.heading === 'string' && typeof early.title === 'string') {
    document.documentElement.lang = early.lang;
    /** @type {HTMLElement} */ (document.getElementById('early-heading')).textContent = early.heading;
    /** @type {HTMLElement} */ (document.getElementById('early-label')).textContent = early.title;
  }
} catch {
  // No localStorage or a broken entry: the Swedish defaults stay.
}
