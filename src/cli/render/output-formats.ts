// Renders a command's OutputView in the format the user chose, the way the
// openstack CLI (cliff) does for -f/-c: `table` is glance's table (byte for
// byte when no column is chosen), `json`/`yaml` the SDK's objects, `value`
// space-separated cells, `csv` a header row plus rows quoted like Python's
// csv.QUOTE_NONNUMERIC. Choices are recorded in docs/decisions/0009-output-formats.md.
import { CommandFailure } from '../command-failure.js'
import { headingKey, type ListView, type OutputFormat, type OutputView, type RecordView, type ViewColumn } from '../output-view.js'
import { printDict, printList } from './glance-tables.js'
import { type JsonValue, jsonDumps, pyStr } from './pyformat.js'

export interface OutputOptions {
  readonly format: OutputFormat
  /** `-c/--column` in the order given; empty or absent means the default columns. */
  readonly columns?: readonly string[]
}

export async function renderView(view: OutputView, { format, columns = [] }: OutputOptions): Promise<string> {
  if (format === 'table' && columns.length === 0) return view.table()
  return view.kind === 'list' ? renderList(view, format, columns) : renderRecord(view, format, columns)
}

const own = (obj: object, key: string): unknown => (Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined)

/** Every column name a list accepts: glance's headings, then any key of the objects. */
function listColumnNames(view: ListView): string[] {
  const names = new Set(view.columns.map((column) => column.heading))
  for (const record of view.records) for (const key of Object.keys(record)) names.add(key)
  return [...names]
}

function unknownColumn(name: string, valid: readonly string[]): CommandFailure {
  return new CommandFailure(`Unknown column '${name}'. Valid columns: ${valid.join(', ')}`)
}

/** `-c NAME` on a list: a heading ('Member ID'), its key ('member_id'), or any key of the objects. */
function resolveListColumns(view: ListView, names: readonly string[]): ViewColumn[] {
  if (names.length === 0) return [...view.columns]
  return names.map((name) => {
    const column = view.columns.find((c) => c.heading === name || c.key === name) ?? view.columns.find((c) => c.key === headingKey(name))
    if (column) return column
    if (view.records.some((record) => Object.hasOwn(record, name))) return { heading: name, key: name }
    throw unknownColumn(name, listColumnNames(view))
  })
}

/** `-c NAME` on a record: any key of the SDK object (or a heading-style spelling of one). */
function resolveRecordFields(view: RecordView, names: readonly string[]): string[] {
  if (names.length === 0) return [...view.fields]
  return names.map((name) => {
    if (Object.hasOwn(view.record, name)) return name
    if (Object.hasOwn(view.record, headingKey(name))) return headingKey(name)
    throw unknownColumn(name, Object.keys(view.record))
  })
}

function pick(obj: object, keys: readonly string[]): Record<string, unknown> {
  // fromEntries keeps a '__proto__' key as plain data.
  return Object.fromEntries(keys.map((key) => [key, own(obj, key)]))
}

async function structured(data: unknown, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`
  const { stringify } = await import('yaml')
  return stringify(data)
}

/** A cell for `value`: Python's str() as glance shows scalars, JSON for lists and objects. */
function valueCell(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'object' && value !== null) return jsonDumps(value as JsonValue)
  return pyStr(value as JsonValue)
}

/** A cell for `csv`: numbers and booleans bare, everything else quoted; None is "" as Python's csv writes it. */
function csvCell(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return pyStr(value)
  const text = value === null || value === undefined ? '' : valueCell(value)
  return `"${text.replaceAll('"', '""')}"`
}

const csvRow = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\n`

async function renderList(view: ListView, format: OutputFormat, names: readonly string[]): Promise<string> {
  const columns = resolveListColumns(view, names)
  const cells = (record: object) => columns.map((column) => own(record, column.key))
  switch (format) {
    case 'json':
    case 'yaml':
      return structured(
        view.records.map((record) => (names.length === 0 ? record : pick(record, columns.map((c) => c.key)))),
        format,
      )
    case 'value':
      return view.records.map((record) => `${cells(record).map(valueCell).join(' ')}\n`).join('')
    case 'csv':
      return csvRow(columns.map((c) => c.heading)) + view.records.map((record) => csvRow(cells(record))).join('')
    case 'table':
      return printList(
        view.records,
        columns.map((c) => c.heading),
        { formatters: Object.fromEntries(columns.map((c) => [c.heading, (record: object) => tableCell(own(record, c.key))])) },
      )
  }
}

/** print_list shows a falsy attribute as blank; objects as JSON rather than Python reprs. */
function tableCell(value: unknown): JsonValue {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return ''
  return typeof value === 'object' ? jsonDumps(value as JsonValue) : (value as JsonValue)
}

async function renderRecord(view: RecordView, format: OutputFormat, names: readonly string[]): Promise<string> {
  const fields = resolveRecordFields(view, names)
  switch (format) {
    case 'json':
    case 'yaml':
      return structured(names.length === 0 ? view.record : pick(view.record, fields), format)
    case 'value':
      return fields.map((field) => `${valueCell(own(view.record, field))}\n`).join('')
    case 'csv':
      return csvRow(fields) + csvRow(fields.map((field) => own(view.record, field)))
    case 'table':
      return printDict(pick(view.record, fields))
  }
}
