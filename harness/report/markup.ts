const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
// XML 1.0 cannot carry C0 controls other than tab, LF and CR, the non-characters U+FFFE/U+FFFF, or lone surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes any value for XML or HTML text and (double- or single-quoted) attribute values, after removing ANSI
 * colour codes and the characters XML 1.0 cannot carry. `undefined` and `null` become the empty string.
 */
export function escapeXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value)
    .replace(ANSI, '')
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Cuts text to at most `max` characters, ending with `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A short deterministic tag of a string (FNV-1a, base 36): unique ids for elements of inlined SVGs. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
