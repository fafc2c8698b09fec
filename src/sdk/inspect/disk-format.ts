import type { DetectedFormat, InspectionReport } from './types.js'

/**
 * The disk_format Glance gives content of each detected format: partitioned
 * disks are `raw`, the rest keep their name. LUKS and QED have no Glance
 * disk_format, and ambiguous content has none either.
 */
const DISK_FORMATS: Partial<Record<DetectedFormat, string>> = {
  raw: 'raw',
  gpt: 'raw',
  mbr: 'raw',
  qcow2: 'qcow2',
  vmdk: 'vmdk',
  vhd: 'vhd',
  vhdx: 'vhdx',
  vdi: 'vdi',
  iso: 'iso',
}

/** Formats Glance's inspector knows (oslo.utils `ALL_FORMATS`); `mbr` is its `gpt`. */
const INSPECTABLE: ReadonlySet<string> = new Set(['raw', 'qcow2', 'vhd', 'vhdx', 'vmdk', 'vdi', 'qed', 'iso', 'gpt', 'luks'])

/** The disk_format to declare for this content, or undefined when there is none to guess. */
export function diskFormatFor(report: InspectionReport): string | undefined {
  if (report.findings.some((f) => f.code === 'multiple-formats')) return undefined
  return DISK_FORMATS[report.format]
}

/**
 * How Glance 30+ (`[image_format] require_image_format_match`, glance
 * `location.py` set_data) judges a declared disk_format against the content:
 * - `match`: the declared format is what was detected;
 * - `uninspectable`: nothing was recognised and the declared format is one
 *   Glance cannot inspect (ami, ari, aki, ploop);
 * - `raw-declared`: `raw` declared over a recognised format, which Glance
 *   accepts with a warning (the safety checks still apply);
 * - `mismatch`: Glance refuses the upload;
 * - `not-inspected`: Glance only inspects `bare` containers.
 */
export type FormatVerdict =
  | { kind: 'match' | 'uninspectable' | 'not-inspected' }
  | { kind: 'raw-declared' | 'mismatch'; detected: string; declared: string }

export function checkDeclaredFormat(report: InspectionReport, declared: string, containerFormat = 'bare'): FormatVerdict {
  if (containerFormat !== 'bare') return { kind: 'not-inspected' }
  const detected = report.format === 'mbr' ? 'gpt' : report.format
  if (detected === declared) return { kind: 'match' }
  if (detected === 'gpt' && declared === 'raw') return { kind: 'match' }
  if (detected === 'raw' && !INSPECTABLE.has(declared)) return { kind: 'uninspectable' }
  if (declared === 'raw') return { kind: 'raw-declared', detected, declared }
  return { kind: 'mismatch', detected, declared }
}
