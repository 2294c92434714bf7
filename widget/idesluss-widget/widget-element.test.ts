// @vitest-environment happy-dom
/**
 * The base class's render timing: the first render waits for a task of its own, so the page's
 * parser task does not carry it (docs/adr/018-widget-compile-hints.md); later renders are batched
 * into one microtask.
 */
import { html } from 'lit/html.js';
import { describe, expect, it } from 'vitest';
import { WidgetElement } from './widget-element';

class Probe extends WidgetElement {
  static override properties = { label: {}, kind: { reflect: true } };
  declare label?: string;
  declare kind?: string;
  renders = 0;
  protected override render(): unknown {
    this.renders++;
    return html`<p>${this.label ?? ''}</p>`;
  }
}
customElements.define('probe-element', Probe);

const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => Promise.resolve());
const task = () => new Promise((resolve) => setTimeout(resolve));

describe('WidgetElement rendering', () => {
  it('renders first in a task of its own, then batches changes into one microtask', async () => {
    const el = document.createElement('probe-element') as Probe;
    el.label = 'a';
    document.body.append(el);
    await microtasks();
    expect(el.renders).toBe(0);
    await task();
    expect(el.renders).toBe(1);
    expect(el.renderRoot.textContent).toBe('a');

    el.label = 'b';
    el.label = 'c';
    await microtasks();
    expect(el.renders).toBe(2);
    expect(el.renderRoot.textContent).toBe('c');
    el.remove();
  });

  it('resolves updateComplete after the first render', async () => {
    const el = document.createElement('probe-element') as Probe;
    document.body.append(el);
    await el.updateComplete;
    expect(el.renders).toBe(1);
    el.remove();
  });

  it('writes a property marked reflect to its attribute, so that :host([…]) styles follow a property set by a framework', async () => {
    const el = document.createElement('probe-element') as Probe;
    document.body.append(el);
    el.kind = 'launcher';
    expect(el.getAttribute('kind')).toBe('launcher');
    el.kind = undefined;
    expect(el.hasAttribute('kind')).toBe(false);
    el.setAttribute('kind', 'inline');
    expect(el.kind).toBe('inline');
    el.label = 'a'; // not reflected
    expect(el.hasAttribute('label')).toBe(false);
    el.remove();
  });
});
