/**
 * The data a widget shows: a core `DivisionStore` (given, or created from a division-pack URL)
 * or a fixed `Hierarchy`. The widget subscribes through this controller and re-renders when the
 * store changes; it never fetches or merges data itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createDivisionStore, type DivisionStore, type DivisionStoreSnapshot, type Hierarchy } from '@gualian/core';

/** Where a widget's divisions come from, in order of precedence. */
export interface DivisionSource {
  store?: DivisionStore | null;
  hierarchy?: Hierarchy | null;
  src?: string | null;
}

const EMPTY: DivisionStoreSnapshot = { hierarchy: null, loading: new Set(), pending: new Set(), error: null };

// Widgets on one page that name the same pack share its store, so a picker and a tree fetch
// each province chunk once. A store whose first load failed is not reused: a later widget retries.
const shared = new Map<string, DivisionStore>();

function storeFor(src: string): DivisionStore {
  const key = new URL(src, document.baseURI).href;
  let store = shared.get(key);
  const snap = store?.snapshot();
  if (store === undefined || (snap!.hierarchy === null && snap!.error !== null)) {
    store = createDivisionStore(key);
    shared.set(key, store);
  }
  return store;
}

/**
 * Subscribes its host to a division store and exposes the current snapshot.
 * @example
 * class MyWidget extends LitElement {
 *   readonly #data = new DivisionController(this);
 *   willUpdate() { this.#data.use({ src: '/data/2023/index.json' }); }
 *   render() { return html`${this.#data.hierarchy?.get('5306')?.name}`; }
 * }
 */
export class DivisionController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #store: DivisionStore | null = null;
  #fixed: Hierarchy | null = null;
  #unsubscribe: (() => void) | null = null;
  #connected = false;
  #snapshot: DivisionStoreSnapshot = EMPTY;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Switch to a source; a no-op when it is the one in use. */
  use(source: DivisionSource): void {
    const store = source.store ?? (source.hierarchy ? null : source.src ? storeFor(source.src) : null);
    const fixed = store === null ? (source.hierarchy ?? null) : null;
    if (store === this.#store && fixed === this.#fixed) return;
    this.#detach();
    this.#store = store;
    this.#fixed = fixed;
    this.#attach();
    this.#read();
  }

  /** The divisions loaded so far, or `null` before the first pack arrives. */
  get hierarchy(): Hierarchy | null {
    return this.#snapshot.hierarchy;
  }

  /** The last load failure. */
  get error(): Error | null {
    return this.#snapshot.error;
  }

  /** Whether a source is set but nothing has arrived yet. */
  get waiting(): boolean {
    return this.#store !== null && this.#snapshot.hierarchy === null && this.#snapshot.error === null;
  }

  /** Whether descendants of `code` live in a chunk that has not been fetched. */
  isPending(code: string): boolean {
    return this.pendingChunk(code) !== null;
  }

  /** The key of the unfetched chunk holding the descendants of `code`, or `null`. */
  pendingChunk(code: string): string | null {
    for (const c of this.#snapshot.pending) if (code.startsWith(c)) return c;
    return null;
  }

  /** Whether the chunk holding the descendants of `code` is being fetched. */
  isLoading(code: string): boolean {
    for (const c of this.#snapshot.loading) if (code.startsWith(c)) return true;
    return false;
  }

  /** Whether some divisions within `scope` (the whole store without one) are not fetched yet. */
  hasPendingWithin(scope: string | null): boolean {
    for (const c of this.#snapshot.pending) if (scope === null || c.startsWith(scope) || scope.startsWith(c)) return true;
    return false;
  }

  /** Fetch the chunk holding the descendants of `code`, if any. */
  ensure(code: string): Promise<void> {
    return this.#store?.ensure(code) ?? Promise.resolve();
  }

  /** Fetch every chunk. */
  ensureAll(): Promise<void> {
    return this.#store?.ensureAll() ?? Promise.resolve();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#attach();
    this.#read();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#detach();
  }

  #attach(): void {
    if (!this.#connected || this.#store === null || this.#unsubscribe !== null) return;
    const store = this.#store;
    this.#unsubscribe = store.subscribe(() => {
      if (store === this.#store) this.#read();
    });
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #read(): void {
    const next = this.#store ? this.#store.snapshot() : this.#fixed ? { ...EMPTY, hierarchy: this.#fixed } : EMPTY;
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    this.#host.requestUpdate();
  }
}
