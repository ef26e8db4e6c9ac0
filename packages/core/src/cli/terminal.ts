/**
 * Text from the data, made safe for a terminal. A cell can hold ANSI escape sequences (which
 * recolour, move the cursor or retitle the window), a carriage return (which lets a later value
 * overwrite an earlier one on screen) or bidirectional overrides (which show text in an order
 * other than its own): each such character is shown as a visible `\u{…}` instead.
 */

// C0 controls but tab and line feed, DEL and C1, the line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Escape the control characters of a text meant for a terminal, keeping its line breaks and tabs.
 * @example
 * escapeTerminal('张三\u001b[31m\r李四'); // '张三\\u{1b}[31m\\u{d}李四'
 */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
