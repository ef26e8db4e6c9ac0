/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a leading BOM.
 * It keeps each record's line number so that every issue can name its row.
 */

/** One CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parse CSV text into records. Blank lines are skipped; line numbers count them.
 * @example
 * parseCsv('code,name\n53,"云南省"\n'); // [{ line: 1, fields: ['code', 'name'] }, { line: 2, fields: ['53', '云南省'] }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            value += text.slice(from);
            i = n;
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
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        let j = i;
        while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
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
    if (fields.length > 1 || fields[0] !== '') out.push({ line: startLine, fields });
  }
  return out;
}
