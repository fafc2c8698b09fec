// CPython 3.11 textwrap.wrap/fill(text, width) with every option at its
// default but the indents, which is how prettytable wraps a cell line that
// is wider than its column and how argparse fills help text: expand_tabs
// (tabsize 8), replace_whitespace, drop_whitespace, break_long_words and
// break_on_hyphens (CPython's wordsep_re).
//
// Lengths are code points, as Python's len() counts them, not display
// columns: a line of CJK text is wrapped at `width` characters and so comes
// out twice as wide as the column. glance has that bug; we reproduce it.
//
// Python's \w is [\p{L}\p{N}_] and \d is \p{Nd} (checked against the
// Unicode 14 database of Python 3.11); Node's regex uses its own, newer
// Unicode data, so only characters assigned after Unicode 14 may differ.

/** textwrap._whitespace: the characters it splits on and turns into spaces. */
const WRAP_WHITESPACE = '\\t\\n\\x0b\\x0c\\r '

const WORDSEP = (() => {
  const whitespace = `[${WRAP_WHITESPACE}]`
  const nonWhitespace = `[^${WRAP_WHITESPACE}]`
  const wordChar = String.raw`[\p{L}\p{N}_]`
  const wordPunct = String.raw`[\p{L}\p{N}_!"'&.,?]`
  // Python's [^\d\W]: a word character that is not a decimal digit.
  const letter = String.raw`[\p{L}\p{Nl}\p{No}_]`
  const hyphenInWord =
    `-(?:(?<=${letter}{2}-)|(?<=${letter}-${letter}-))(?=${letter}-?${letter})`
  return new RegExp(
    `(${whitespace}+` +
      `|(?<=${wordPunct})-{2,}(?=${wordChar})` +
      `|${nonWhitespace}+?(?:${hyphenInWord}|(?=${whitespace}|$)|(?<=${wordPunct})(?=-{2,}${wordChar})))`,
    'u',
  )
})()

/** What Python's str.strip() removes (str.isspace()), to spot blank chunks. */
const PYTHON_WHITESPACE = new Set(
  '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006' +
    '\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
)

const TAB_SIZE = 8

/** A chunk as an array of code points, so length and slicing match Python. */
type Chunk = string[]

function isBlank(chunk: Chunk): boolean {
  return chunk.every((char) => PYTHON_WHITESPACE.has(char))
}

/** str.expandtabs(8): the column restarts after '\n' and '\r'. */
function expandTabs(text: string): string {
  let out = ''
  let column = 0
  for (const char of text) {
    if (char === '\t') {
      const spaces = TAB_SIZE - (column % TAB_SIZE)
      out += ' '.repeat(spaces)
      column += spaces
    } else {
      out += char
      column = char === '\n' || char === '\r' ? 0 : column + 1
    }
  }
  return out
}

function splitChunks(text: string): Chunk[] {
  const munged = expandTabs(text).replace(/[\t\n\x0b\x0c\r]/g, ' ')
  return munged
    .split(WORDSEP)
    .filter((piece) => piece !== '')
    .map((piece) => Array.from(piece))
}

/**
 * A chunk longer than a whole line: put as much as fits on the current line,
 * preferring to cut just after its last hyphen that fits.
 */
function breakLongWord(pending: Chunk[], line: Chunk[], lineLength: number, width: number): void {
  const chunk = pending[pending.length - 1]!
  // An indent as wide as the line still gets one character per line.
  const spaceLeft = width < 1 ? 1 : width - lineLength
  let end = spaceLeft
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.slice(0, spaceLeft).lastIndexOf('-')
    if (hyphen > 0 && chunk.slice(0, hyphen).some((char) => char !== '-')) end = hyphen + 1
  }
  line.push(chunk.slice(0, end))
  pending[pending.length - 1] = chunk.slice(end)
}

function wrapChunks(chunks: Chunk[], lineWidth: number, indents: Required<Indents>): string[] {
  const lines: string[] = []
  // Reversed so the next chunk is always at the end, as in CPython.
  const pending = [...chunks].reverse()
  while (pending.length > 0) {
    const line: Chunk[] = []
    let lineLength = 0
    const indent = lines.length > 0 ? indents.subsequentIndent : indents.initialIndent
    const width = lineWidth - Array.from(indent).length
    if (lines.length > 0 && isBlank(pending[pending.length - 1]!)) pending.pop()
    while (pending.length > 0) {
      const next = pending[pending.length - 1]!
      if (lineLength + next.length > width) break
      line.push(next)
      pending.pop()
      lineLength += next.length
    }
    if (pending.length > 0 && pending[pending.length - 1]!.length > width) {
      breakLongWord(pending, line, lineLength, width)
    }
    if (line.length > 0 && isBlank(line[line.length - 1]!)) line.pop()
    if (line.length > 0) lines.push(indent + line.map((chunk) => chunk.join('')).join(''))
  }
  return lines
}

/** textwrap's initial_indent (first line) and subsequent_indent (the others), counted in `width`. */
export interface Indents {
  initialIndent?: string
  subsequentIndent?: string
}

/** Python's textwrap.wrap(text, width, initial_indent=..., subsequent_indent=...). */
export function wrap(text: string, width: number, { initialIndent = '', subsequentIndent = '' }: Indents = {}): string[] {
  if (width <= 0) throw new RangeError(`invalid width ${width} (must be > 0)`)
  return wrapChunks(splitChunks(text), width, { initialIndent, subsequentIndent })
}

/** Python's textwrap.fill(text, width, ...): wrap's lines joined. */
export function fill(text: string, width: number, indents: Indents = {}): string {
  return wrap(text, width, indents).join('\n')
}
