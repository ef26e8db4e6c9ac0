/**
 * `@gualian/core/demo`: a seeded generator of realistic rosters on real places, for demos,
 * tests and benchmarks.
 * @packageDocumentation
 */
export { generateRoster, seededRandom, type GenerateOptions, type GeneratedRoster } from './generate.js';
export { generateLocations, locateCadres, ZHAOTONG_BOX, type DemoPoint, type LocationOptions } from './locations.js';
export { generateCases, type GenerateCasesOptions, type GeneratedCases } from './cases.js';
