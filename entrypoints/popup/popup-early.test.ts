// @vitest-environment happy-dom
/** public/popup-early.js, run as popup.html runs it: before the bundle, on popup.html's static field. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const script = readFileSync(join(process.cwd(), 'public/popup-early.js'), 'utf8');

/** Runs the script in a browser whose language is `language`; returns what the field shows. */
function runEarly(language: string): string[] {
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
  document.documentElement.lang = 'sv';
  const main = Object.assign(document.createElement('main'), { id: 'early' });
  main.append(
    Object.assign(document.createElement('h1'), { id: 'early-heading', textContent: 'Ny idé' }),
    Object.assign(document.createElement('label'), { id: 'early-label', textContent: 'Rubrik' }),
    Object.assign(document.createElement('input'), { id: 'title' }),
  );
  document.body.replaceChildren(main);
  new Function(script)();
  return [document.documentElement.lang, document.getElementById('early-heading')!.textContent!, document.getElementById('early-label')!.textContent!];
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('popup-early.js', () => {
  it('shows the first popup after installing in the browser\'s language: English in an English browser', () => {
    expect(runEarly('en-GB')).toEqual(['en', 'New idea', 'Title']);
    expect(runEarly('sv-SE')).toEqual(['sv', 'Ny idé', 'Rubrik']);
  });

  it('shows later popups in the language the last popup stored, whatever the browser\'s', () => {
    localStorage.setItem('idesluss:popup-early', JSON.stringify({ lang: 'sv', heading: 'Ny idé', title: 'Rubrik' }));
    expect(runEarly('en-US')).toEqual(['sv', 'Ny idé', 'Rubrik']);
  });
});
