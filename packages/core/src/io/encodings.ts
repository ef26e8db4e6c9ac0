/**
 * Text decoding for the files data staff bring: UTF-8 with or without a BOM, UTF-16 with a
 * BOM, and GB18030 (a superset of GBK and GB2312, what spreadsheet software in China saves).
 */
import { GualianError } from '../errors/index.js';

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decode bytes to text, telling which encoding was found. UTF-8 is tried strictly first; bytes
 * that are not valid UTF-8 are read as GB18030.
 * @example
 * decodeText(new Uint8Array([0xd4, 0xc6, 0xc4, 0xcf])).text; // '云南' (GBK bytes)
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new GualianError('file.encoding');
    }
  }
}

/** Text as given, or decoded from bytes. @internal */
export function toText(input: string | Uint8Array): string {
  return typeof input === 'string' ? (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : decodeText(input).text;
}
