/**
 * The record of events, append-only and hash-chained, by job: the chain and its verification
 * (chain.ts), JSON Lines (jsonl.ts), the replay and the store (store.ts). Kept as one module
 * name for imports written before the split.
 */
export * from './chain.js';
export * from './jsonl.js';
export * from './store.js';
export { RECORD_ERROR_CODES, type RecordErrorCode } from './record-codes.js';
