// Display width of text as python wcwidth 0.2.5 measures it, which is what
// prettytable uses to size glance's table columns.
import { WIDE_EASTASIAN, ZERO_WIDTH, ZERO_WIDTH_CF } from './wcwidth-tables.js'

function inRanges(codePoint: number, flatRanges: readonly number[]): boolean {
  let low = 0
  let high = flatRanges.length / 2 - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (codePoint > flatRanges[2 * mid + 1]!) low = mid + 1
    else if (codePoint < flatRanges[2 * mid]!) high = mid - 1
    else return true
  }
  return false
}

/**
 * Columns one code point occupies: -1 for C0/C1 controls and DEL (NUL is 0),
 * 0 for combining marks and the zero-width format characters, 2 for East
 * Asian Wide/Fullwidth, else 1.
 */
export function wcwidth(codePoint: number): number {
  if (ZERO_WIDTH_CF.has(codePoint)) return 0
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return -1
  if (inRanges(codePoint, ZERO_WIDTH)) return 0
  return inRanges(codePoint, WIDE_EASTASIAN) ? 2 : 1
}

/**
 * Columns a string occupies, or -1 as soon as any code point is
 * non-printable (so 'a\tb' is -1, not 3: prettytable then pads such a cell
 * one column too far, and glance's output shows that quirk).
 */
export function wcswidth(text: string): number {
  let width = 0
  for (const char of text) {
    const charWidth = wcwidth(char.codePointAt(0)!)
    if (charWidth < 0) return -1
    width += charWidth
  }
  return width
}
