/**
 * WCAG 1.4.10 (reflow) for the intranet's pages in real Chromium: at 320 CSS px nothing may make the document scroll
 * sideways, except inside an element that scrolls on its own (the inbox's table).
 */
import type { Page } from 'playwright-core';

/** '' when the page's document does not scroll sideways at `width` (it sets the viewport); else what sticks out (widest and innermost). */
export async function sideways(page: Page, width: number): Promise<string> {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate(() => {
    const doc = document.documentElement;
    const limit = doc.clientWidth; // innerWidth minus a vertical scrollbar, if any
    if (doc.scrollWidth <= limit) return '';
    const scrollsInside = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !scrollsInside(el));
    const name = (el: Element) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} (${Math.round(r.width)} px wide, right edge ${Math.round(r.right)})`;
    };
    const widest = [...out].sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width).slice(0, 3);
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o))).sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width).slice(0, 3);
    return `document scrollWidth ${doc.scrollWidth} > ${limit}; widest: ${widest.map(name).join('; ')}; innermost: ${innermost.map(name).join('; ')}`;
  });
}

