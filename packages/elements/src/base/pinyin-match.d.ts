/**
 * Types of the dictionary module of `pinyin-match`, which ships types for its `match` entry
 * only. The pinyin search reads the dictionary itself (see pinyin.ts): a table of readings by
 * character lets it scan the whole country per query instead of parsing each name anew.
 */
declare module 'pinyin-match/src/simplified_dict.js' {
  /** Each toneless syllable (`zhao`) and the simplified characters read so, polyphones under each of their readings. */
  export const dict: Readonly<Record<string, string>>;
}
