/**
 * `@gualian/elements`: drop-in Lit web components built on `@gualian/core`.
 * @packageDocumentation
 */
export {};
