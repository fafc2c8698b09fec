import { GlanceError } from '../errors.js'

/**
 * What the content of an image looks like. `gpt` and `mbr` are partitioned
 * disks (a `raw` disk_format to Glance); `raw` means no format was recognised.
 */
export type DetectedFormat = 'raw' | 'qcow2' | 'qed' | 'luks' | 'vmdk' | 'vhd' | 'vhdx' | 'vdi' | 'iso' | 'gpt' | 'mbr'

/**
 * Why an image is unsafe to hand to a hypervisor or to Glance. Every finding
 * is a reason to refuse the upload; the caller decides whether to override.
 */
export type FindingCode =
  | 'qcow2-backing-file'
  | 'qcow2-data-file'
  | 'qcow2-unknown-features'
  | 'qcow2-unsupported-version'
  | 'qed-banned'
  | 'luks-unsupported-version'
  | 'vmdk-create-type'
  | 'vmdk-extent-path'
  | 'vmdk-parent'
  | 'vmdk-descriptor-too-large'
  | 'vmdk-descriptor-invalid'
  | 'vmdk-no-extents'
  | 'vmdk-footer-invalid'
  | 'vhd-differencing'
  | 'vhdx-parent'
  | 'mbr-invalid'
  | 'gpt-invalid'
  | 'multiple-formats'
  | 'malformed'
  | 'read-limit'

export interface InspectionFinding {
  code: FindingCode
  /** The format whose check produced the finding. */
  format: DetectedFormat
  message: string
}

/** A check that could not run, e.g. a footer at the end of a stream not yet read. */
export interface SkippedCheck {
  format: DetectedFormat
  check: string
  reason: string
}

export interface InspectionReport {
  /**
   * The format of the content: the single match, `iso` for an ISO with a
   * partition table in front, or the first of several matches (then a
   * `multiple-formats` finding says so).
   */
  format: DetectedFormat
  /** Every non-raw format whose signature and structure matched. */
  matches: DetectedFormat[]
  /** The disk size the format states, in bytes; absent when it states none. */
  virtualSize?: number
  /** Size of the whole source when known (always for files and buffers). */
  size?: number
  /** Empty when the image is safe as far as the inspector can tell. */
  findings: InspectionFinding[]
  skipped: SkippedCheck[]
  /** Bytes taken from the source; never more than `maxBytes`. */
  bytesRead: number
  /** Format specifics worth showing, e.g. qcow2 `version` or vmdk `createType`. */
  details: Record<string, string | number>
}

/** Positional access to an image; `read` returns fewer bytes only at the end. */
export interface ImageReader {
  size?: number
  read(position: number, length: number): Promise<Uint8Array>
}

export interface InspectOptions {
  /** Most bytes the inspector may take from the source (default 4 MiB). */
  maxBytes?: number
}

/**
 * The inspector could not look at the source at all (unreadable file,
 * failing stream, bad options). Content problems are findings, never this.
 */
export class ImageInspectionError extends GlanceError {
  override name = 'ImageInspectionError'
}
