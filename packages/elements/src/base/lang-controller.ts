/**
 * The language a widget speaks: its own `lang` attribute, else the nearest ancestor's (across
 * shadow roots), else the document's, mapped by the core's `resolveLang`. The labels of zh-Hant
 * and en are loaded when a widget first speaks them (see ../i18n/index.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang, type Lang } from '@gualian/core';
import { loadUiMessages, translateLabel, type MessageKey } from '../i18n/index.js';

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

  /** A message in the current language (in zh-Hans while that language's labels are loading). */
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string {
    return translateLabel(key, this.#lang, values);
  }

  /**
   * `null` when the labels of the current language are here, else a promise that settles
   * (never rejects) when they are; the host waits for it before rendering.
   */
  get pending(): Promise<void> | null {
    return loadUiMessages(this.#lang);
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
      loadUiMessages(next);
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
