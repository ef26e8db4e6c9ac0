/**
 * Text decoding for the files data staff bring: UTF-8 with or without a BOM, UTF-16 with a
 * BOM, GB18030 (a superset of GBK and GB2312, what spreadsheet software in mainland China
 * saves) and Big5 (what it saves in Taiwan and Hong Kong). A file that is not UTF-8 is decoded
 * both ways and each reading is scored for plausible Chinese; when neither clearly wins, the file
 * is refused with a reason rather than read into mojibake.
 */
import { FileError } from './errors.js';

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** The encodings that may be asked for: one of {@link TextEncodingName}, or `auto` (the default) to detect. */
export type EncodingOption = TextEncodingName | 'auto';

/**
 * Every value of {@link EncodingOption}, for option parsers.
 * @example
 * ENCODING_OPTIONS.includes('big5'); // true
 */
export const ENCODING_OPTIONS: readonly EncodingOption[] = ['auto', 'utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'];

/**
 * The characters each legacy encoding is mostly written in, from its own decoder: GB2312's
 * 6,763 characters with its punctuation and full-width forms (mainland text, within GB18030),
 * and Big5's punctuation, full-width forms and first level (5,401 everyday traditional
 * characters). Bytes read in the wrong encoding land
 * largely outside these.
 */
let commonSets: { gb18030: Set<string>; big5: Set<string> } | undefined;
function common(): { gb18030: Set<string>; big5: Set<string> } {
  if (commonSets) return commonSets;
  const gb = new Set<string>();
  const gbDecoder = new TextDecoder('gb18030');
  for (let lead = 0xa1; lead <= 0xf7; lead++) {
    // Punctuation (row 1), full-width letters and digits (row 3) and the characters (rows 16–87);
    // not kana, Greek, Cyrillic or box drawing, which wrongly read Big5 bytes land in.
    if (lead === 0xa2 || (lead > 0xa3 && lead < 0xb0)) continue;
    for (let trail = 0xa1; trail <= 0xfe; trail++) gb.add(gbDecoder.decode(new Uint8Array([lead, trail])));
  }
  const big5 = new Set<string>();
  const big5Decoder = new TextDecoder('big5');
  for (let lead = 0xa1; lead <= 0xc6; lead++) {
    // Punctuation and full-width forms (A1–A2), then the characters; not bopomofo and Greek (A3).
    if (lead === 0xa3) continue;
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail <= 0x7e || trail >= 0xa1) big5.add(big5Decoder.decode(new Uint8Array([lead, trail])));
  }
  gb.delete('\ufffd');
  big5.delete('\ufffd');
  commonSets = { gb18030: gb, big5 };
  return commonSets;
}

/** The share of a reading's non-ASCII characters that are among an encoding's usual ones. */
function plausibility(text: string, set: Set<string>): number {
  let count = 0;
  let good = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    count++;
    if (set.has(ch)) good++;
  }
  return count === 0 ? 1 : good / count;
}

/**
 * Double-byte pairs in the bytes, and how many have a second byte of 0x40–0x7e: about four in
 * ten in Big5 text, none in GB2312 text.
 */
function pairs(bytes: Uint8Array): { count: number; low: number } {
  let count = 0;
  let low = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x81) continue;
    const trail = bytes[i + 1] ?? 0;
    count++;
    if (trail >= 0x40 && trail <= 0x7e) low++;
    i++;
  }
  return { count, low };
}

/** The decoded text, or null when the bytes are not valid in that encoding. */
function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decode bytes to text, telling which encoding was found. A BOM decides; otherwise UTF-8 is
 * tried strictly first. Bytes that are not UTF-8 are read as GB18030 and as Big5, and the
 * reading with clearly more everyday Chinese characters is kept. When the readings cannot be told
 * apart a {@link FileError} `file.encoding-ambiguous` is thrown, when no encoding fits
 * `file.encoding`; pass `encoding` to say which it is (bytes not valid in it throw
 * `file.encoding-invalid`).
 * @example
 * decodeText(new Uint8Array([0xd4, 0xc6, 0xc4, 0xcf, 0xca, 0xa1, 0xd5, 0xd1, 0xcd, 0xa8, 0xca, 0xd0])).text; // '云南省昭通市' (GBK bytes)
 * decodeText(bytes, 'big5'); // read as Big5, or `file.encoding` if they are not Big5
 */
export function decodeText(bytes: Uint8Array, encoding: EncodingOption = 'auto'): { text: string; encoding: TextEncodingName } {
  if (encoding !== 'auto') {
    let body = bytes;
    if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
    if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) body = bytes.subarray(2);
    if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) body = bytes.subarray(2);
    const text = tryDecode(body, encoding);
    if (text === null) throw new FileError('file.encoding-invalid', { encoding });
    return { text, encoding };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf8 = tryDecode(bytes, 'utf-8');
  // Valid UTF-8 with Chinese in it, or with nothing but ASCII, is UTF-8. A short GB18030 or
  // Big5 text can be valid UTF-8 by chance (Big5 羅, is the bytes of UTF-8 ù,): then, without a
  // single Chinese character to show for it, UTF-8 is only kept when no legacy reading is likely.
  if (utf8 !== null && (!/[^\u0000-\u007f]/.test(utf8) || /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(utf8))) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  const big5 = tryDecode(bytes, 'big5');
  const sets = common();
  const gbLikely = gb !== null && plausibility(gb, sets.gb18030) >= 0.9;
  const big5Likely = big5 !== null && plausibility(big5, sets.big5) >= 0.9;
  if (utf8 !== null) {
    if (gbLikely || big5Likely) throw new FileError('file.encoding-ambiguous');
    return { text: utf8, encoding: 'utf-8' };
  }
  if (gb === null && big5 === null) throw new FileError('file.encoding');
  if (big5 === null) return { text: gb!, encoding: 'gb18030' };
  if (gb === null) return { text: big5, encoding: 'big5' };
  // (Here both readings exist: the bytes are valid in both encodings.)
  if (gbLikely && !big5Likely) return { text: gb, encoding: 'gb18030' };
  if (big5Likely && !gbLikely) return { text: big5, encoding: 'big5' };
  if (gbLikely && big5Likely) {
    // Both readings look usual. Big5 text puts a second byte below 0xa1 in about four pairs in
    // ten, GB2312 text never: sixteen or more pairs without one are GB18030 (a Big5 text
    // whose every pair also reads as a usual GB2312 character has them far less than once in
    // ten thousand).
    const { count, low } = pairs(bytes);
    if (low === 0 && count >= 16) return { text: gb, encoding: 'gb18030' };
  }
  throw new FileError('file.encoding-ambiguous');
}

/** Text as given, or decoded from bytes. @internal */
export function toText(input: string | Uint8Array, encoding: EncodingOption = 'auto'): string {
  return typeof input === 'string' ? (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : decodeText(input, encoding).text;
}
