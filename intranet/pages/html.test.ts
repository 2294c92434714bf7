import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safeHref } from './html';

describe('html', () => {
  it('escapes every interpolation, including inside arrays', () => {
    const evil = `<script>alert("x")</script>' onmouseover='x' \``;
    const out = html`<p title="${evil}">${evil}${[evil, html`<b>${evil}</b>`]}</p>`.value;
    expect(out).not.toMatch(/<script>|onmouseover='|"x"/);
    expect(out.match(/<b>/g)).toHaveLength(1);
    expect(out).toContain(escapeHtml(evil));
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it.each([
    ['https://intranet.example/a?b=1', 'https://intranet.example/a?b=1'],
    ['http://x.example', 'http://x.example/'],
    ['javascript:alert(1)', undefined],
    [' JavaScript:alert(1)', undefined],
    ['data:text/html,<b>', undefined],
    ['vbscript:x', undefined],
    ['/relative', undefined],
    [undefined, undefined],
  ])('safeHref(%j) → %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
