/**
 * Text from a file or a command line, shown back in a message: control characters escaped (an ANSI
 * escape in a key must not clear the screen or retitle the terminal; a bidi override must not
 * reorder what the reader sees) and long text cut with an ellipsis, so a message stays one
 * readable line whatever the file holds.
 */

/**
 * C0 and C1 controls, DEL, line and paragraph separators, bidi marks, embeddings, overrides and
 * isolates, and the invisible ones (soft hyphen, zero-width space and joiners, word joiner, BOM) —
 * an invisible character in a unit is why it fails to parse, so the message must show it.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Escapes control characters as `\n`, `\t`, `\x1b` or `\u202e`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Longest piece of user text quoted inside a message, in characters. */
export const ECHO_CHARS = 80;

/** `text` escaped and, past `max` characters, cut with an ellipsis (never inside a surrogate pair). */
export function echo(text: string, max = ECHO_CHARS): string {
  const escaped = escapeControls(text);
  const chars = [...escaped];
  return chars.length <= max ? escaped : `${chars.slice(0, max - 1).join('')}…`;
}

/** Longest message line, in characters: room for a location, a quoted value and what was expected. */
export const MESSAGE_CHARS = 1000;

/**
 * A whole message as one safe line: line breaks folded to spaces, controls escaped, and past `max`
 * characters the middle cut out — the start says where, the end what was expected.
 */
export function oneLine(message: string, max = MESSAGE_CHARS): string {
  const chars = [...escapeControls(message.replace(/\s*[\r\n]+\s*/g, ' '))];
  if (chars.length <= max) return chars.join('');
  const tail = Math.floor(max / 4);
  return `${chars.slice(0, max - tail - 3).join('')} … ${chars.slice(chars.length - tail).join('')}`;
}
