/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a leading BOM.
 * It keeps each record's line number so that every issue can name its row, and a quote that is
 * never closed costs one row, never the rest of the file.
 */

/** One CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /**
   * Set when the record starts a quoted field that is never properly closed: `fields` are then
   * its own line split at commas, and reading went on at the next line.
   */
  malformed?: 'quote';
}

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /**
   * How many fields a record has (the header's count). A quoted field running over several
   * lines is kept only when its record has this many fields; otherwise the quote is taken as
   * unclosed. By default, the first record's count.
   */
  fields?: number;
}

/**
 * Parse CSV text into records. Blank lines are skipped; line numbers count them. A quote left
 * open (`"abc` with no closing quote, or one that only "closes" in a later row) or followed by
 * stray text (`"a"b`) makes its record `malformed` at its own line, and the lines after it are
 * read as rows of their own.
 * @example
 * parseCsv('code,name\n53,"云南省"\n'); // [{ line: 1, fields: ['code', 'name'] }, { line: 2, fields: ['53', '云南省'] }]
 * parseCsv('a,b\n1,"x\n2,y\n')[1]; // { line: 2, fields: ['1', '"x'], malformed: 'quote' }
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let expected = options.fields;
  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    // A quoted field that ran over a line end (with a count of fields unlike the header's, a
    // quote left open), or whose closing quote is followed by more text (`"a"b`, which no
    // spreadsheet writes and which may be read more than one way).
    let spanned = false;
    let broken = false;
    let stray = false;
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            value += text.slice(from);
            i = n;
            broken = true;
            break;
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        let newlines = 0;
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) newlines++;
        if (newlines > 0) spanned = true;
        line += newlines;
        // Text between the closing quote and the separator makes the record malformed: the
        // quote was probably meant as a character, and guessing could shift every later field.
        let j = i;
        while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
        if (j > i && newlines > 0) broken = true;
        if (j > i) stray = true;
        fields.push(j > i ? value + text.slice(i, j) : value);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (broken || stray || (spanned && expected !== undefined && fields.length !== expected)) {
      // Take the record back to its own line and go on with the next one.
      let end = start;
      while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      out.push({ line: startLine, fields: text.slice(start, end).split(','), malformed: 'quote' });
      if (text.charCodeAt(end) === 13) end++;
      if (text.charCodeAt(end) === 10) end++;
      i = end;
      line = startLine + 1;
      continue;
    }
    if (fields.length > 1 || fields[0] !== '') {
      expected ??= fields.length;
      out.push({ line: startLine, fields });
    }
  }
  return out;
}
