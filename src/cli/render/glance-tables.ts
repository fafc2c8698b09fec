// The table printers of glanceclient 4.1.0 (glanceclient/common/utils.py).
// Each returns exactly what the Python function writes to stdout, including
// the '\n' print() appends, so the CLI can write it as is.
import { type ColumnSettings, renderTable } from './prettytable.js'
import { utcIsoFormat } from './pydatetime.js'
import { type JsonValue, dictEntries, formatOneDecimal, isFalsy, jsonDumps, pyStr } from './pyformat.js'
import { HIDDEN_IMAGE_KEYS } from '../image-output.js'

const DEFAULT_MAX_COLUMN_WIDTH = 80

function printed(table: string): string {
  return `${table}\n`
}

/** An own property of a JSON-shaped object; inherited names are not fields. */
function ownValue(obj: object, name: string): JsonValue {
  return Object.hasOwn(obj, name) ? (obj as Readonly<Record<string, JsonValue>>)[name] : undefined
}

/** 'Member ID' -> 'member_id', how glance maps a column to an attribute. */
function attributeName(field: string): string {
  return field.toLowerCase().replaceAll(' ', '_')
}

export interface PrintListOptions<T extends object> {
  /** Per-column value producers; their result is shown with str(). */
  readonly formatters?: Readonly<Record<string, (obj: T) => JsonValue>>
  /** Per-column prettytable settings, e.g. md-object-list's description cap. */
  readonly fieldSettings?: Readonly<Record<string, ColumnSettings>>
}

/** print_list: one left-aligned row per object; falsy attributes are blank. */
export function printList<T extends object>(
  objs: readonly T[],
  fields: readonly string[],
  { formatters = {}, fieldSettings }: PrintListOptions<T> = {},
): string {
  const rows = objs.map((obj) =>
    fields.map((field) => {
      const formatter = formatters[field]
      if (formatter !== undefined) return pyStr(formatter(obj))
      const value = ownValue(obj, attributeName(field))
      return isFalsy(value) ? '' : pyStr(value)
    }),
  )
  return printed(
    renderTable({
      fieldNames: fields,
      rows,
      align: 'l',
      columns: fieldSettings,
    }),
  )
}

/** print_dict: Property/Value rows sorted by property; lists and dicts as JSON. */
export function printDict(dict: object, maxColumnWidth = DEFAULT_MAX_COLUMN_WIDTH): string {
  if (!Number.isInteger(maxColumnWidth) || maxColumnWidth < 0) {
    // PrettyTable's own ValueError text.
    throw new RangeError(`Invalid value for max_width: ${maxColumnWidth}`)
  }
  const rows = dictEntries(dict).map(([key, value]) => [
    key,
    typeof value === 'object' && value !== null ? jsonDumps(value) : pyStr(value),
  ])
  return printed(
    renderTable({ fieldNames: ['Property', 'Value'], rows, align: 'l', maxWidth: maxColumnWidth, sortBy: 'Property' }),
  )
}

/** print_dict_list (task lists): missing keys are blank, null shows 'None'. */
export function printDictList(objs: readonly object[], fields: readonly string[]): string {
  const rows = objs.map((obj) =>
    fields.map((field) => {
      const name = attributeName(field)
      const value = ownValue(obj, name === 'task_id' ? 'id' : name)
      return value === undefined ? '' : pyStr(value)
    }),
  )
  return printed(renderTable({ fieldNames: fields, rows, align: 'l' }))
}

/** One entry of GET /v2/cache's cached_images. */
export interface CachedImage {
  readonly image_id: string
  /** Seconds since the epoch; 0 when never accessed. */
  readonly last_accessed: number
  readonly last_modified: number
  readonly size: number
  readonly hits: number
}

/** The body of GET /v2/cache: every key other than cached_images lists queued image ids. */
export interface CacheListing {
  readonly cached_images?: readonly CachedImage[]
  readonly queued_images?: readonly string[]
}

const CACHE_FIELDS = ['ID', 'State', 'Last Accessed (UTC)', 'Last Modified (UTC)', 'Size', 'Hits']

/** print_cached_images: the only glance table left centred. */
export function printCachedImages(listing: CacheListing): string {
  const rows: string[][] = []
  // In the server's key order; glance lists any key but cached_images as queued ids.
  const sections = Object.entries(listing) as [string, readonly JsonValue[] | undefined][]
  for (const [key, entries = []] of sections) {
    if (key === 'cached_images') {
      for (const image of listing.cached_images ?? []) {
        rows.push([
          image.image_id,
          'cached',
          image.last_accessed === 0 ? 'N/A' : utcIsoFormat(image.last_accessed),
          utcIsoFormat(image.last_modified),
          pyStr(image.size),
          pyStr(image.hits),
        ])
      }
    } else {
      for (const imageId of entries) rows.push([pyStr(imageId), 'queued', 'N/A', 'N/A', 'N/A', 'N/A'])
    }
  }
  return printed(renderTable({ fieldNames: CACHE_FIELDS, rows }))
}

const SIZE_SUFFIXES = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB']

/** make_size_human_readable: base 1024, one decimal, trailing '.0' dropped. */
export function makeSizeHumanReadable(size: number | null | undefined): string {
  let scaled = size ?? 0
  let index = 0
  while (scaled >= 1024) {
    index += 1
    scaled /= 1024
  }
  const suffix = SIZE_SUFFIXES[index]
  if (suffix === undefined) throw new RangeError(`size ${size} is beyond ${SIZE_SUFFIXES.at(-1)}`)
  return formatOneDecimal(scaled).replace(/0+$/, '').replace(/\.$/, '') + suffix
}


export interface PrintImageOptions {
  /** --human-readable: show size as e.g. '1.5kB'. */
  readonly humanReadable?: boolean
  /** --max-column-width; anything but a non-negative integer means 80. */
  readonly maxColumnWidth?: number
}

/** print_image: print_dict of the image minus links, with a readable virtual_size. */
export function printImage(image: object, { humanReadable = false, maxColumnWidth }: PrintImageOptions = {}): string {
  const shown = dictEntries(image)
    .filter(([key]) => !HIDDEN_IMAGE_KEYS.has(key))
    .map(([key, value]): [string, JsonValue] => {
      if (key === 'virtual_size' && isFalsy(value)) return [key, 'Not available']
      if (key === 'size' && humanReadable) {
        return [key, makeSizeHumanReadable(typeof value === 'number' ? value : null)]
      }
      return [key, value]
    })
  const usesGivenWidth = maxColumnWidth !== undefined && Number.isInteger(maxColumnWidth) && maxColumnWidth >= 0
  // fromEntries, unlike assignment, keeps a '__proto__' key as plain data.
  return printDict(Object.fromEntries(shown), usesGivenWidth ? maxColumnWidth : DEFAULT_MAX_COLUMN_WIDTH)
}
