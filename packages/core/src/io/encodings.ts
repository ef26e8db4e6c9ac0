/**
 * Text decoding for the files data staff bring: UTF-8 with or without a BOM, UTF-16 with a
 * BOM, GB18030 (a superset of GBK and GB2312, what spreadsheet software in mainland China
 * saves) and Big5 (what it saves in Taiwan and Hong Kong). A file that is not UTF-8 is decoded
 * both ways and each reading is scored for plausible Chinese; when neither clearly wins, the file
 * is refused with a reason rather than read into mojibake.
 */
import { GualianError } from '../errors/index.js';

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** The encodings that may be asked for: one of {@link TextEncodingName}, or `auto` (the default) to detect. */
export type EncodingOption = TextEncodingName | 'auto';

/** Every value of {@link EncodingOption}, for option parsers. */
export const ENCODING_OPTIONS: readonly EncodingOption[] = ['auto', 'utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'];

/**
 * The most common characters of each legacy encoding, from its own decoder: GB2312's first
 * level (3,755 everyday simplified characters) and Big5's first level (5,401 everyday
 * traditional ones). Bytes read in the wrong encoding land mostly outside these.
 */
let commonSets: { gb18030: Set<string>; big5: Set<string> } | undefined;
function common(): { gb18030: Set<string>; big5: Set<string> } {
  if (commonSets) return commonSets;
  const gb = new Set<string>();
  const gbDecoder = new TextDecoder('gb18030');
  for (let lead = 0xb0; lead <= 0xd7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) gb.add(gbDecoder.decode(new Uint8Array([lead, trail])));
  const big5 = new Set<string>();
  const big5Decoder = new TextDecoder('big5');
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail <= 0x7e || trail >= 0xa1) big5.add(big5Decoder.decode(new Uint8Array([lead, trail])));
  }
  commonSets = { gb18030: gb, big5 };
  return commonSets;
}

/**
 * How plausible a decoding is as Chinese text: the share of its non-ASCII characters that are
 * everyday characters of the encoding (1 for a good reading, about 0.6 or less for a wrong one),
 * and how many non-ASCII characters there were.
 */
function plausibility(text: string, set: Set<string>): { score: number; count: number } {
  let count = 0;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    count++;
    // Everyday characters, and the full-width punctuation and letters staff type.
    if (set.has(ch) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || c === 0x2014 || c === 0x2026 || c === 0x201c || c === 0x201d || c === 0x00b7) good++;
  }
  return { score: count === 0 ? 1 : good / count, count };
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
 * apart a {@link GualianError} `file.encoding-ambiguous` is thrown, when no encoding fits
 * `file.encoding`; pass `encoding` to say which it is (bytes not valid in it throw
 * `file.encoding-invalid`).
 * @example
 * decodeText(new Uint8Array([0xd4, 0xc6, 0xc4, 0xcf, 0xca, 0xa1])).text; // '云南省' (GBK bytes)
 * decodeText(bytes, 'big5'); // read as Big5, or `file.encoding` if they are not Big5
 */
export function decodeText(bytes: Uint8Array, encoding: EncodingOption = 'auto'): { text: string; encoding: TextEncodingName } {
  if (encoding !== 'auto') {
    let body = bytes;
    if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
    if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) body = bytes.subarray(2);
    if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) body = bytes.subarray(2);
    const text = tryDecode(body, encoding);
    if (text === null) throw new GualianError('file.encoding-invalid', { encoding });
    return { text, encoding };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(bytes, 'gb18030');
  const big5 = tryDecode(bytes, 'big5');
  if (gb === null && big5 === null) throw new GualianError('file.encoding');
  if (big5 === null) return { text: gb!, encoding: 'gb18030' };
  if (gb === null) return { text: big5, encoding: 'big5' };
  const sets = common();
  const a = plausibility(gb, sets.gb18030);
  const b = plausibility(big5, sets.big5);
  // A clear winner: a reading of everyday characters against one that is not. Too few
  // characters, or two readings alike, and the file is refused rather than guessed.
  if (a.score >= 0.9 && a.score - b.score >= 0.2) return { text: gb, encoding: 'gb18030' };
  if (b.score >= 0.9 && b.score - a.score >= 0.2) return { text: big5, encoding: 'big5' };
  throw new GualianError('file.encoding-ambiguous');
}

/** Text as given, or decoded from bytes. @internal */
export function toText(input: string | Uint8Array, encoding: EncodingOption = 'auto'): string {
  return typeof input === 'string' ? (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : decodeText(input, encoding).text;
}
