/**
 * What a command prints, before it is rendered: the SDK's objects plus the
 * columns glance's table shows, and the glance table itself. The base
 * command renders a view in the format the user chose (`-f/--format`,
 * `-c/--column`, `--json`), so formats live in one place
 * (render/output-formats.ts) and no command knows about them.
 *
 * This module stays free of heavy imports: every command loads it.
 */
import type { PrintListOptions } from './render/glance-tables.js'

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'value', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** A table column: its heading in glance's table and the object key it shows. */
export interface ViewColumn {
  readonly heading: string
  readonly key: string
}

/** Rows of objects (image-list, member-list, md-tag-list, ...). */
export interface ListView {
  readonly kind: 'list'
  /** The SDK's objects, one per row, as the API returned them. */
  readonly records: readonly object[]
  /** glance's columns, in table order. */
  readonly columns: readonly ViewColumn[]
  /** glance's table for all records, byte for byte. */
  table(): Promise<string>
}

/** One object shown as Property/Value rows (image-show, task-show, md-*-show, ...). */
export interface RecordView {
  readonly kind: 'record'
  /** The SDK's object, as the API returned it (links included). */
  readonly record: object
  /** The keys glance's table shows, in its (sorted) order. */
  readonly fields: readonly string[]
  /** glance's table, byte for byte. */
  table(): Promise<string>
}

export type OutputView = ListView | RecordView

/** 'Member ID' -> 'member_id': how glance's print_list maps a heading to an attribute. */
export function headingKey(heading: string): string {
  return heading.toLowerCase().replaceAll(' ', '_')
}

/**
 * A list view. Columns are glance's headings; a heading whose attribute is
 * not its lower-cased name (print_dict_list's 'Task ID' is `id`) comes with
 * its key.
 */
export function listView(records: readonly object[], columns: readonly (string | ViewColumn)[], table: () => Promise<string>): ListView {
  return {
    kind: 'list',
    records,
    columns: columns.map((column) => (typeof column === 'string' ? { heading: column, key: headingKey(column) } : column)),
    table,
  }
}

/** Python's sort of str keys (code point order), as print_dict's table is sorted. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A record view. `shown` is what glance's table prints (sometimes a reduced
 * copy, e.g. a namespace with its objects as names); `record` is the SDK's
 * object that json/yaml and `-c` work on.
 */
export function recordView(record: object, shown: object, table: () => Promise<string>): RecordView {
  // print_dict leaves out keys whose value is undefined (a namespace without objects).
  const fields = Object.entries(shown).flatMap(([key, value]) => (value === undefined ? [] : [key]))
  return { kind: 'record', record, fields: fields.sort(byCodePoint), table }
}

/** Rows shown as glance's print_list table (render module loaded lazily). */
export function printedList<T extends object>(records: readonly T[], columns: readonly (string | ViewColumn)[], options?: PrintListOptions<T>): ListView {
  const headings = columns.map((column) => (typeof column === 'string' ? column : column.heading))
  return listView(records, columns, async () => (await import('./render/glance-tables.js')).printList(records, headings, options))
}

/** One object shown as glance's print_dict table of `shown` (render module loaded lazily). */
export function printedDict(record: object, shown: object = record, maxColumnWidth?: number): RecordView {
  return recordView(record, shown, async () => (await import('./render/glance-tables.js')).printDict(shown, maxColumnWidth))
}

export function isOutputView(value: unknown): value is OutputView {
  return typeof value === 'object' && value !== null && ((value as OutputView).kind === 'list' || (value as OutputView).kind === 'record')
}
