/**
 * The language a widget speaks: its own `lang` attribute, else the nearest ancestor's (across
 * shadow roots), else the document's, mapped by the core's `resolveLang`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang, translate, type Lang, type MessageKey } from '@gualian/core';

type Host = ReactiveControllerHost & HTMLElement;

// One observer for the page: portals switch language by changing `lang` on <html> or on a
// container, rarely, so a subtree observer filtered to that attribute costs nothing.
const connected = new Set<LangController>();
let observer: MutationObserver | null = null;

function watch(controller: LangController): void {
  connected.add(controller);
  if (observer === null) {
    observer = new MutationObserver(() => {
      for (const c of connected) c.refresh();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

function unwatch(controller: LangController): void {
  connected.delete(controller);
  if (connected.size === 0 && observer !== null) {
    observer.disconnect();
    observer = null;
  }
}

/**
 * Resolves and follows the language of its host, re-rendering it when the language changes.
 * @example
 * class MyWidget extends LitElement {
 *   readonly #i18n = new LangController(this);
 *   render() { return html`${this.#i18n.t('ui.search')}`; }
 * }
 */
export class LangController implements ReactiveController {
  readonly #host: Host;
  #lang: Lang = 'zh-Hans';

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** The resolved language. */
  get lang(): Lang {
    return this.#lang;
  }

  /** A message in the current language. */
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string {
    return translate(key, this.#lang, values);
  }

  hostConnected(): void {
    watch(this);
    this.refresh();
  }

  hostDisconnected(): void {
    unwatch(this);
  }

  /** Re-resolve the language; called when a `lang` attribute changes. */
  refresh(): void {
    const next = resolveLang(nearestLang(this.#host));
    if (next !== this.#lang) {
      this.#lang = next;
      this.#host.requestUpdate();
    }
  }
}

function nearestLang(start: Node): string | null {
  for (let node: Node | null = start; node !== null; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
  }
  return null;
}
