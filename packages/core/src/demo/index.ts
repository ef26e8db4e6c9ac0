/**
 * `@gualian/core/demo`: a seeded generator of realistic rosters on real places, for demos,
 * tests and benchmarks.
 * @packageDocumentation
 */
export { generateRoster, seededRandom, type GenerateOptions, type GeneratedRoster } from './generate.js';
