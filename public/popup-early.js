// @ts-check
/*
 * Runs before the popup's bundle (a classic script, so it is not bundled with it): shows the static
 * title field of popup.html in the language of the last popup, which main.tsx stores under this key
 * (entrypoints/popup/early-title.ts). Text only, and nothing but two known strings is read.
 */
// Marks an IME composition (or a dead key) in progress: the form takes the field over only once it
// has ended (early-title.ts `whenNotComposing`).
const earlyInput = /** @type {HTMLInputElement} */ (document.querySelector('#early input'));
earlyInput.addEventListener('compositionstart', () => earlyInput.setAttribute('data-composing', ''));
earlyInput.addEventListener('compositionend', () => earlyInput.removeAttribute('data-composing'));

try {
  const early = JSON.parse(localStorage.getItem('idesluss:popup-early') || 'null');
  if (early && (early.lang === 'sv' || early.lang === 'en') && typeof early.heading === 'string' && typeof early.title === 'string') {
    document.documentElement.lang = early.lang;
    /** @type {HTMLElement} */ (document.getElementById('early-heading')).textContent = early.heading;
    /** @type {HTMLElement} */ (document.getElementById('early-label')).textContent = early.title;
  }
} catch {
  // No localStorage or a broken entry: the Swedish defaults stay.
}
