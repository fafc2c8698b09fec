import type { RequestOptions } from '../request-options.js'
import type { MemberStatus } from '../members/types.js'

/** Image lifecycle states (Glance v2). */
export type ImageStatus =
  | 'queued'
  | 'saving'
  | 'uploading'
  | 'importing'
  | 'active'
  | 'deactivated'
  | 'killed'
  | 'deleted'
  | 'pending_delete'

export type ImageVisibility = 'public' | 'private' | 'shared' | 'community'

/**
 * The fields Glance itself defines on every image (the image schema's base
 * properties, plus the `os_glance_*` ones Glance sets during imports). Keys
 * keep the API's snake_case names so an image prints exactly as glance
 * prints it.
 */
export interface ImageCore {
  id: string
  name: string | null
  status: ImageStatus
  visibility: ImageVisibility
  protected: boolean
  os_hidden: boolean
  owner: string | null
  checksum: string | null
  os_hash_algo: string | null
  os_hash_value: string | null
  size: number | null
  virtual_size: number | null
  min_disk: number
  min_ram: number
  disk_format: DiskFormat | null
  container_format: ContainerFormat | null
  created_at: string
  updated_at: string
  tags: string[]
  self: string
  file: string
  schema: string
  direct_url?: string
  locations?: ImageLocation[]
  /** Comma-separated store ids (multi-store clouds). */
  stores?: string
  /** The task of the import running on the image. */
  os_glance_import_task?: string
  /** Comma-separated stores an import still has to reach, and those it failed. */
  os_glance_importing_to_stores?: string
  os_glance_failed_import?: string
}

/**
 * An image as Glance returns it: the core fields, typed, and the image's
 * custom properties (`os_distro`, `hw_disk_bus`, ...), which sit beside them
 * in the API. No index signature, so a misspelt field (`image.nmae`) does
 * not compile; name the custom properties you read in `P`
 * (`glance.images.get<{ os_distro?: string }>(id)`), or read them all with
 * `customProperties(image)`. `P` is what the caller expects, not checked
 * against the answer.
 */
export type Image<P extends object = {}> = ImageCore & P

/** Formats Glance accepts for `disk_format` and `container_format` by default (a cloud can configure others). */
export type DiskFormat = 'ami' | 'ari' | 'aki' | 'vhd' | 'vhdx' | 'vmdk' | 'raw' | 'qcow2' | 'vdi' | 'iso' | 'ploop' | (string & {})
export type ContainerFormat = 'ami' | 'ari' | 'aki' | 'bare' | 'ovf' | 'ova' | 'docker' | 'compressed' | (string & {})

/** Hashes Glance checks a new location's data against. */
export interface LocationValidationData {
  checksum?: string
  os_hash_algo?: string
  os_hash_value?: string
}

/** Where an image's data lives (shown when Glance's `show_multiple_locations` is on). */
export interface ImageLocation {
  url: string
  metadata: Record<string, unknown>
  /** Write-only: sent when adding a location, never returned. */
  validation_data?: LocationValidationData
  [key: string]: unknown
}

/** Fields accepted by `POST /v2/images`: base attributes plus free-form string properties. */
export type ImageCreateFields = Partial<
  Pick<
    Image,
    | 'id'
    | 'name'
    | 'visibility'
    | 'protected'
    | 'os_hidden'
    | 'owner'
    | 'min_disk'
    | 'min_ram'
    | 'disk_format'
    | 'container_format'
    | 'tags'
  >
> & { [property: string]: unknown }

export type SortDirection = 'asc' | 'desc'
export const IMAGE_SORT_KEYS = ['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at'] as const
export type ImageSortKey = (typeof IMAGE_SORT_KEYS)[number]

/** A comparison Glance applies to `created_at` / `updated_at` (`gt:2024-01-01T00:00:00Z`). */
export interface TimeFilter {
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'
  /** An ISO 8601 time, or a Date (sent as ISO 8601). */
  value: string | Date
}

/** Filters, sorting and paging of `images.list`: every filter Glance's `GET /v2/images` takes. */
export interface ImageListOptions extends RequestOptions {
  /** Stop after this many images in total. */
  limit?: number
  /** Images per request (Glance's `limit` query parameter); default 1000, the largest page stock Glance gives. */
  pageSize?: number
  /** Exactly this name. */
  name?: string
  /** Any of these ids (`id=in:...`). */
  ids?: string[]
  status?: ImageStatus
  visibility?: ImageVisibility | 'all'
  /** Images shared with the caller's project, by the membership's status (with visibility `shared` or unset). */
  memberStatus?: MemberStatus | 'all'
  owner?: string
  checksum?: string
  osHashValue?: string
  osHidden?: boolean
  protected?: boolean
  diskFormat?: DiskFormat
  containerFormat?: ContainerFormat
  /** Size in bytes, inclusive bounds. */
  sizeMin?: number
  sizeMax?: number
  createdAt?: TimeFilter
  updatedAt?: TimeFilter
  /** All of these tags. */
  tags?: string[]
  /** Custom-property filters, exact values (`{ os_distro: 'debian' }`). */
  properties?: Record<string, string>
  sortKey?: ImageSortKey[]
  sortDir?: SortDirection[]
  /** `key[:dir],...` form; exclusive with sortKey/sortDir. */
  sort?: string
  /** Start after the image with this id. */
  marker?: string
}

export interface ImageUpdate {
  /** Attributes and properties to set (add or replace). */
  set?: Record<string, unknown>
  /** Properties to remove (ignored when also in `set` or absent on the image). */
  remove?: string[]
}

export interface TransferProgress {
  /** Bytes moved so far. */
  transferred: number
  /** Total bytes, when known. */
  total?: number
}

export interface UploadOptions extends RequestOptions {
  /** Byte count, when the source cannot tell (pipes); sent as Content-Length. */
  size?: number
  /** Target store on multi-store clouds (`x-image-meta-store`). */
  store?: string
  onProgress?: (progress: TransferProgress) => void
}

export interface DownloadOptions extends RequestOptions {
  /** Verify the bytes against os_hash_value (or md5 checksum); default true. */
  verify?: boolean
  /** Use the md5 checksum when os_hash_algo is not available locally. */
  allowMd5Fallback?: boolean
  onProgress?: (progress: TransferProgress) => void
}

export interface DownloadToFileOptions extends DownloadOptions {
  /**
   * Continue from `<path>.part` when it exists: its bytes are hashed, only
   * the rest is asked for (`Range`), and the whole file is verified before
   * it is renamed. Without it an existing `.part` is overwritten.
   */
  resume?: boolean
  /**
   * Told when a download starts over from byte 0 although it could have
   * continued: the reason, e.g. the server ignored the Range, the `.part`
   * was larger than the image, or the resumed file did not verify.
   */
  onRestart?: (reason: string) => void
}
