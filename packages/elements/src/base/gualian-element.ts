import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { describeError, type DivisionStore, type Hierarchy, type Lang } from '@gualian/core';
import type { MessageKey } from '../i18n/index.js';
import { DivisionController } from './division-controller.js';
import { LangController } from './lang-controller.js';
import { baseStyles } from './styles.js';

/**
 * The base of every gualian element: language, large-text mode, data input and the loading
 * and error states. Not registered as a tag itself.
 *
 * Data comes from, in order of precedence, the `store` property (a core `DivisionStore`), the
 * `hierarchy` property (a core `Hierarchy`) or the `src` attribute (the URL of a division pack,
 * loaded lazily through `createDivisionStore`; widgets naming the same URL share one store).
 *
 * The language is the element's own `lang` attribute, else the nearest ancestor's, else the
 * document's, mapped to zh-Hans (the default), zh-Hant or en.
 *
 * @attr {string} lang - The language: zh-Hans (the default), zh-Hant or en; any BCP 47 tag is mapped to one of them (`zh-TW` → zh-Hant). Without it, the nearest ancestor's or the document's.
 *
 * @cssprop [--gualian-font-family=system-ui, 'Noto Sans CJK SC', …] - Font family.
 * @cssprop [--gualian-font-size=1rem] - Text size.
 * @cssprop [--gualian-large-font-size=24px] - Text size in large-text mode (never below 24px, 18pt).
 * @cssprop [--gualian-line-height=1.5] - Line height, unitless (keep it at 1.3 or more for the elderly-friendly rules).
 * @cssprop [--gualian-color=#1f2328] - Text colour.
 * @cssprop [--gualian-background=#ffffff] - Background.
 * @cssprop [--gualian-muted-color=#59636e] - Secondary text (codes, status lines).
 * @cssprop [--gualian-border-color=#6e7781] - Borders of inputs and selects.
 * @cssprop [--gualian-accent-color=#0b57d0] - Buttons and links.
 * @cssprop [--gualian-focus-color=#0b57d0] - Focus ring colour.
 * @cssprop [--gualian-focus-width=3px] - Focus ring width.
 * @cssprop [--gualian-error-color=#a0111f] - Error messages.
 * @cssprop [--gualian-radius=4px] - Corner radius of controls.
 * @csspart status - The loading or error message.
 *
 * @example
 * class MyWidget extends GualianElement {
 *   render() {
 *     return this.renderStatus() ?? html`${this.divisions.hierarchy?.get('5306')?.name}`;
 *   }
 * }
 */
export class GualianElement extends LitElement {
  static override styles = [baseStyles];

  // Declared statically rather than with decorators so the class compiles the same under any
  // decorator and class-field semantics (the test server's esbuild does not read `extends`).
  static override properties: PropertyDeclarations = {
    src: { reflect: true },
    hierarchy: { attribute: false },
    store: { attribute: false },
    largeText: { type: Boolean, reflect: true, attribute: 'large-text' },
  };

  /** URL of a division pack (`/data/2023/index.json`); its chunks are fetched when needed. */
  declare src: string | null;

  /** A hierarchy to show, instead of `src`. */
  declare hierarchy: Hierarchy | null;

  /** A division store to show, instead of `src`; takes precedence over `hierarchy`. */
  declare store: DivisionStore | null;

  /** Elderly-friendly mode (适老化): text of at least 18pt, line height of at least 1.3, larger targets. */
  declare largeText: boolean;

  /** @internal */
  protected readonly i18n = new LangController(this);
  /** @internal */
  protected readonly divisions = new DivisionController(this);

  constructor() {
    super();
    this.src = null;
    this.hierarchy = null;
    this.store = null;
    this.largeText = false;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'lang') this.i18n.refresh();
    else super.attributeChangedCallback(name, old, value);
  }

  /** The language the element currently speaks. */
  get resolvedLang(): Lang {
    return this.i18n.lang;
  }

  /**
   * Each update waits for the labels of the element's language (zh-Hant and en are loaded on
   * first use), so the element never draws a mix of languages and `updateComplete` resolves
   * once it shows the new language.
   * @internal
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.i18n.pending === null) return super.scheduleUpdate();
    return (async () => {
      for (let pending = this.i18n.pending; pending !== null; pending = this.i18n.pending) await pending;
      return super.scheduleUpdate();
    })();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('store') || changed.has('hierarchy') || changed.has('src')) {
      this.divisions.use({ store: this.store, hierarchy: this.hierarchy, src: this.src });
    }
  }

  /** @internal */
  protected t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string {
    return this.i18n.t(key, values);
  }

  /**
   * Whether the widget shows its own data without divisions (places then go by their codes):
   * only a pending or failed load of divisions is then a status.
   * @internal
   */
  protected divisionsOptional = false;

  /**
   * The loading or failure message while there is nothing to show, else `null`.
   * @internal
   */
  protected renderStatus(): TemplateResult | null {
    const { hierarchy, error, waiting } = this.divisions;
    if (hierarchy !== null && !this.divisionsOptional) return null;
    if (error) return this.renderError(error);
    if (waiting) return html`<p class="status" part="status" role="status">${this.t('ui.loading')}</p>`;
    return this.divisionsOptional ? null : html`<p class="status" part="status" role="status">${nothing}</p>`;
  }

  /** @internal */
  protected renderError(error: Error): TemplateResult {
    const reason = describeError(error, this.i18n.lang);
    return html`<p class="status error" part="status" role="alert">${this.t('ui.loadFailed', { reason })}</p>`;
  }
}
