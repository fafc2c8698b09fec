// PrettyTable 3.6 get_string() as glanceclient configures it: the default
// style (borders, '|' between columns, '+'/'-' rules, padding 1), hrules
// FRAME (no rules between data rows), valign 't', and print_empty.
import { fill } from './textwrap.js'
import { wcswidth } from './wcwidth.js'

export type Align = 'l' | 'c'

export interface ColumnSettings {
  readonly align?: Align
  /** Cap on the column's width; cell lines wider than the column wrap. */
  readonly maxWidth?: number
}

export interface TableSpec {
  readonly fieldNames: readonly string[]
  /** Cell text, one string per field (Python str() already applied). */
  readonly rows: readonly (readonly string[])[]
  /** pt.align = ...: every column; PrettyTable's default is centred. */
  readonly align?: Align
  /** pt.max_width = ...: every column. */
  readonly maxWidth?: number
  /** pt.align[field] / pt.max_width[field]: override the table-wide value. */
  readonly columns?: Readonly<Record<string, ColumnSettings>>
  /**
   * get_string(sortby=...): the field whose cells order the rows. PrettyTable
   * compares the raw values; comparing the cell text by code point is the
   * same for the str keys glance sorts by.
   */
  readonly sortBy?: string
}

// Colour codes do not take up columns (prettytable's _re).
const ANSI_ESCAPE = /\x1b\[[0-9;]*m|\x1b\(B/g

/** _str_block_width: may be -1 when the text holds a control character. */
function blockWidth(text: string): number {
  return wcswidth(text.replace(ANSI_ESCAPE, ''))
}

/** _get_size()[0]: the widest of the text's '\n'-separated lines. */
function textWidth(text: string): number {
  return Math.max(...text.split('\n').map(blockWidth))
}

function spaces(count: number): string {
  // Python's ' ' * n is '' for n <= 0.
  return ' '.repeat(Math.max(0, count))
}

/** _justify: 'c' puts an odd extra space right of odd-width text, like str.center. */
function justify(text: string, width: number, align: Align): string {
  const textColumns = blockWidth(text)
  const excess = width - textColumns
  if (align === 'l') return text + spaces(excess)
  const half = Math.floor(excess / 2)
  if (excess % 2 === 0) return spaces(half) + text + spaces(half)
  return textColumns % 2 !== 0
    ? spaces(half) + text + spaces(half + 1)
    : spaces(half + 1) + text + spaces(half)
}

/** Python's str ordering: by code point, where JS '<' compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0)!)
  const right = Array.from(b, (char) => char.codePointAt(0)!)
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!
  }
  return left.length - right.length
}

/** list.sort() of rows decorated with the sort key: ties compare the whole row. */
function sortRows(rows: readonly (readonly string[])[], sortIndex: number): (readonly string[])[] {
  const compareRows = (a: readonly string[], b: readonly string[]): number => {
    for (let i = 0; i < a.length; i++) {
      const order = compareCodePoints(a[i]!, b[i]!)
      if (order !== 0) return order
    }
    return 0
  }
  return [...rows].sort(
    (a, b) => compareCodePoints(a[sortIndex]!, b[sortIndex]!) || compareRows(a, b),
  )
}

interface Column {
  readonly name: string
  readonly align: Align
  readonly width: number
}

function layoutColumns(spec: TableSpec, rows: readonly (readonly string[])[]): Column[] {
  return spec.fieldNames.map((name, index) => {
    const settings = spec.columns?.[name]
    const maxWidth = settings?.maxWidth ?? spec.maxWidth
    // The header is never capped; cells count at most maxWidth.
    let width = textWidth(name)
    for (const row of rows) {
      const cellWidth = textWidth(row[index]!)
      width = Math.max(width, maxWidth === undefined ? cellWidth : Math.min(cellWidth, maxWidth))
    }
    return { name, align: settings?.align ?? spec.align ?? 'c', width }
  })
}

function rule(columns: readonly Column[]): string {
  return `+${columns.map((column) => '-'.repeat(Math.max(0, column.width + 2))).join('+')}+`
}

/** Lines of one table row; cells wrap per '\n'-separated line, top-aligned. */
function rowLines(cells: readonly string[], columns: readonly Column[]): string[] {
  const cellLines = cells.map((cell, index) => {
    const { width } = columns[index]!
    return cell
      .split('\n')
      .map((line) => (blockWidth(line) > width ? fill(line, width) : line))
      .join('\n')
      .split('\n')
  })
  const height = Math.max(...cellLines.map((lines) => lines.length))
  const lines: string[] = []
  for (let y = 0; y < height; y++) {
    const parts = columns.map((column, index) => ` ${justify(cellLines[index]![y] ?? '', column.width, column.align)} `)
    lines.push(`|${parts.join('|')}|`)
  }
  return lines
}

/** PrettyTable.get_string(): the table without a trailing newline. */
export function renderTable(spec: TableSpec): string {
  const sortIndex = spec.sortBy === undefined ? -1 : spec.fieldNames.indexOf(spec.sortBy)
  if (spec.sortBy !== undefined && sortIndex < 0) {
    throw new Error(`Invalid field name: ${spec.sortBy}`)
  }
  const rows = sortIndex < 0 ? spec.rows : sortRows(spec.rows, sortIndex)
  const columns = layoutColumns(spec, rows)
  const separator = rule(columns)
  const header = `|${columns.map((column) => ` ${justify(column.name, column.width, column.align)} `).join('|')}|`
  return [separator, header, separator, ...rows.flatMap((row) => rowLines(row, columns)), separator].join('\n')
}
