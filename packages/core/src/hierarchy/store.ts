/**
 * A division store: the hierarchy a page works with, loaded from division packs by URL, with
 * the descendants of a province (or any chunked code) fetched only when first needed. Widgets
 * subscribe to it; it knows nothing of the DOM.
 */
import { GualianError } from '../errors/index.js';
import { divisionPackSchema } from './schema.js';
import { fromDivisionPack, mergeDivisionPacks } from './pack.js';
import type { Hierarchy } from './hierarchy.js';

/** What a division store holds at one moment. */
export interface DivisionStoreSnapshot {
  /** The divisions loaded so far (`null` until the first pack arrives). */
  hierarchy: Hierarchy | null;
  /** Codes whose descendants are being fetched. */
  loading: ReadonlySet<string>;
  /** Codes whose descendants live in a chunk not fetched yet. */
  pending: ReadonlySet<string>;
  /** The last load failure, if any. */
  error: Error | null;
}

/** Options of {@link createDivisionStore}. */
export interface DivisionStoreOptions {
  /** The `fetch` to use (the global one by default), for tests or authenticated portals. */
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
}

/** A division store (see {@link createDivisionStore}). */
export interface DivisionStore {
  /** The current state; a new object after every change. */
  snapshot(): DivisionStoreSnapshot;
  /** Call `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Make sure the descendants of `code` are loaded (fetching its chunk if it has one). */
  ensure(code: string): Promise<void>;
  /** Fetch every chunk, for a search over the whole country. */
  ensureAll(): Promise<void>;
}

/**
 * Create a store that loads a division pack from `url`, and its chunks on demand.
 * @example
 * const store = createDivisionStore('/data/2023/index.json');
 * await store.ensure('53'); // fetches Yunnan's townships and villages
 * store.snapshot().hierarchy?.countsByLevel('5306').village; // 1402
 */
export function createDivisionStore(url: string | URL, options: DivisionStoreOptions = {}): DivisionStore {
  const doFetch = options.fetch ?? ((u: string) => fetch(u));
  const base = new URL(String(url), typeof location === 'undefined' ? 'http://localhost/' : location.href);
  const listeners = new Set<() => void>();
  const chunks = new Map<string, string>();
  const inFlight = new Map<string, Promise<void>>();
  let state: DivisionStoreSnapshot = { hierarchy: null, loading: new Set(), pending: new Set(), error: null };
  const set = (patch: Partial<DivisionStoreSnapshot>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const loadPack = async (href: string): Promise<unknown> => {
    const res = await doFetch(href);
    if (!res.ok) throw new GualianError('file.json', { source: href, reason: `HTTP ${res.status}` });
    const pack = divisionPackSchema.parse(await res.json());
    for (const [code, rel] of Object.entries(pack.chunks ?? {})) chunks.set(code, new URL(rel, href).href);
    return pack;
  };
  const first = loadPack(base.href).then(
    (pack) => set({ hierarchy: fromDivisionPack(pack), pending: new Set(chunks.keys()) }),
    (error: Error) => set({ error }),
  );

  const ensure = async (code: string): Promise<void> => {
    await first;
    // The chunk holding `code`'s descendants is the one of its nearest chunked ancestor-or-self.
    const key = [...chunks.keys()].find((c) => code.startsWith(c) && state.pending.has(c));
    if (key === undefined) return;
    let job = inFlight.get(key);
    if (!job) {
      set({ loading: new Set([...state.loading, key]) });
      job = loadPack(chunks.get(key)!).then(
        (pack) => {
          const loading = new Set(state.loading);
          loading.delete(key);
          const pending = new Set(state.pending);
          pending.delete(key);
          set({ hierarchy: fromDivisionPack(pack, state.hierarchy ?? undefined), loading, pending, error: null });
        },
        (error: Error) => {
          const loading = new Set(state.loading);
          loading.delete(key);
          inFlight.delete(key);
          set({ loading, error });
        },
      );
      inFlight.set(key, job);
    }
    return job;
  };

  return {
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ensure,
    async ensureAll() {
      await first;
      const keys = [...state.pending].filter((k) => !inFlight.has(k));
      if (keys.length > 0) {
        // Fetched together, merged once: one index build instead of one per province.
        const job = (async () => {
          set({ loading: new Set([...state.loading, ...keys]) });
          try {
            const packs = await Promise.all(keys.map((k) => loadPack(chunks.get(k)!)));
            const loading = new Set(state.loading);
            const pending = new Set(state.pending);
            for (const k of keys) {
              loading.delete(k);
              pending.delete(k);
            }
            set({ hierarchy: mergeDivisionPacks(packs, state.hierarchy ?? undefined), loading, pending, error: null });
          } catch (error) {
            const loading = new Set(state.loading);
            for (const k of keys) {
              loading.delete(k);
              inFlight.delete(k);
            }
            set({ loading, error: error as Error });
          }
        })();
        for (const k of keys) inFlight.set(k, job);
      }
      await Promise.all([...inFlight.values()]);
    },
  };
}
