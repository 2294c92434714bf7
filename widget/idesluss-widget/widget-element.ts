/**
 * The widget's base class: a custom element with an open shadow root, one shared stylesheet,
 * string properties that follow their attributes, and a batched render with lit-html. It replaces
 * LitElement, whose ReactiveElement, css tag and property system cost about 2 KB gzip the widget
 * does not need (docs/adr/007-widget-build-and-budget.md). No directives that need connection
 * callbacks (AsyncDirective) are supported: the widget uses none.
 */
import { render } from 'lit/html.js';

/** A helper that follows its element's connection (the part of Lit's ReactiveController we use). */
export type ElementController = { hostConnected?(): void; hostDisconnected?(): void };

/** What a controller may call on its element (the part of Lit's ReactiveControllerHost we use). */
export type ControllerHost = { addController(controller: ElementController): void; requestUpdate(): void };

/**
 * A reactive string property: its attribute (default: the property's name), its default value, and
 * whether a value set as a property is written to the attribute (for `:host([…])` styles: a
 * framework such as React 19 sets a custom element's properties, not its attributes).
 */
export type PropertySpec = { attribute?: string; default?: string; reflect?: boolean };

// Constructable stylesheets are shared by every shadow root that adopts them. Browsers without them
// (of those that run the widget's ES2022: Firefox 93–100) get a <style> element per shadow root. Neither needs a secure context, so
// both work on the plain-http intranet pages too.
const adoptable = 'adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype;
/** One sheet per CSS text, shared by all instances. */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Base class of `<idesluss-widget>`. A subclass sets `styles` and `properties`, implements
 * `render()`, and may override `updated()`. Rendering is async and batched: any number of
 * `requestUpdate()` calls in one task give one render in a microtask, as with LitElement; the
 * first render comes in a task of its own.
 */
export abstract class WidgetElement extends HTMLElement implements ControllerHost {
  /** The stylesheet of every instance, plain CSS. */
  static styles = '';
  /** The reactive properties: property name → spec. Setting one (or its attribute) re-renders. */
  static properties: Record<string, PropertySpec> = {};

  /**
   * The attributes of `properties`. customElements.define reads this once, before the first
   * instance exists, so it is also where the property accessors are put on the prototype (as
   * LitElement's `finalize` does). A name HTMLElement already has (`lang`) keeps its native
   * accessor, which reflects to the attribute; the attribute change then re-renders.
   */
  static get observedAttributes(): string[] {
    return Object.entries(this.properties).map(([name, { attribute = name, default: fallback, reflect }]) => {
      if (name in HTMLElement.prototype) return attribute;
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        get(this: WidgetElement) {
          return this._values.get(name) ?? fallback;
        },
        set(this: WidgetElement, value: string | undefined) {
          if (value === this._values.get(name)) return;
          this._values.set(name, value);
          this.requestUpdate(name);
          // The attribute's callback sets the same value again, which returns above.
          if (!reflect) return;
          if (value == null) this.removeAttribute(attribute);
          else this.setAttribute(attribute, value);
        },
      });
      return attribute;
    });
  }

  /** The open shadow root everything is rendered into. */
  readonly renderRoot: ShadowRoot;
  private _values = new Map<string, string | undefined>();
  private _self = this as unknown as Record<string, unknown>;
  private _changed = new Set<string>();
  private _pending?: Promise<void>;
  private _controllers: ElementController[] = [];
  /** Between connectedCallback and disconnectedCallback. */
  private _connected = false;
  /** Set by the first render; until then renders wait for a task of their own (see requestUpdate). */
  private _rendered = false;

  constructor() {
    super();
    const { styles, properties } = this.constructor as typeof WidgetElement;
    const root = (this.renderRoot = this.attachShadow({ mode: 'open' }));
    if (adoptable) {
      let sheet = sheets.get(styles);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(styles);
        sheets.set(styles, sheet);
      }
      root.adoptedStyleSheets = [sheet];
    } else root.append(Object.assign(document.createElement('style'), { textContent: styles }));
    // A page script may have set a property before this script defined the element: that own
    // property would hide the accessor. Take its value through the accessor instead.
    for (const name in properties) {
      if (!Object.hasOwn(this, name)) continue;
      const value = this._self[name];
      delete this._self[name];
      this._self[name] = value;
    }
  }

  /** The template of the current state; lit-html renders it into the shadow root. */
  protected abstract render(): unknown;

  /** Called after each render with the names of the properties changed since the previous one. */
  protected updated(_changed: ReadonlySet<string>): void {}

  /**
   * Schedules one render in a microtask; `name` is a property that changed. The first render waits
   * for a task of its own: the module runs in the parser's last task, which also runs style and
   * layout at DOMContentLoaded, and that task with the form in it reached 50–100 ms on a first visit
   * on two busy cores (docs/adr/018-widget-compile-hints.md). A task queued now runs before the next
   * frame in practice, so the form is not painted late.
   */
  requestUpdate(name?: string): void {
    if (name) this._changed.add(name);
    this._pending ??= (this._rendered ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve))).then(() => this._update());
  }

  /** Resolves once no render is pending, including renders requested by `updated()`. */
  get updateComplete(): Promise<void> {
    return this._pending ? this._pending.then(() => this.updateComplete) : Promise.resolve();
  }

  /** Registers a controller; it hears of connection from now on. */
  addController(controller: ElementController): void {
    this._controllers.push(controller);
    // Not `isConnected`: an element upgraded in place is in the document while its constructor runs,
    // and connectedCallback follows; asking here too would connect the controller twice.
    if (this._connected) controller.hostConnected?.();
  }

  connectedCallback(): void {
    this._connected = true;
    for (const c of this._controllers) c.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this._connected = false;
    for (const c of this._controllers) c.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, old: string | null, value: string | null): void {
    const { properties } = this.constructor as typeof WidgetElement;
    for (const [name, { attribute: attr = name }] of Object.entries(properties)) {
      if (attr !== attribute) continue;
      // Native `lang` reads its attribute itself; our properties take the value (none: the default).
      if (!(name in HTMLElement.prototype)) this._self[name] = value ?? undefined;
      else if (old !== value) this.requestUpdate(name);
    }
  }

  private _update(): void {
    this._pending = undefined;
    // Not rendered while detached; connectedCallback asks again and the changes are kept till then.
    if (!this.isConnected) return;
    const changed = this._changed;
    this._changed = new Set();
    // `host: this` calls event listeners bound in templates (`@click=${this.method}`) with this element.
    render(this.render(), this.renderRoot, { host: this });
    this._rendered = true;
    this.updated(changed);
  }
}
