import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'

import { gpt, iso, mbr, vdi } from './disks.js'
import { vhd, vhdx } from './microsoft.js'
import { Examination, type Probe } from './probe.js'
import { luks, qcow2, qed } from './qemu.js'
import {
  ImageInspectionError,
  type DetectedFormat,
  type ImageReader,
  type InspectOptions,
  type InspectionFinding,
  type InspectionReport,
  type SkippedCheck,
} from './types.js'
import { vmdk } from './vmdk.js'
import { Malformed, OutOfReach, Window } from './window.js'

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024

/** In the order a format is named when several match. */
const PROBES: Probe[] = [qcow2, qed, luks, vmdk, vhdx, vhd, vdi, iso, gpt, mbr]
const PARTITIONED: ReadonlySet<DetectedFormat> = new Set(['gpt', 'mbr'])

/** An inspected stream: the report, and the full stream to upload (head replayed, then the rest). */
export interface InspectedStream {
  report: InspectionReport
  stream: Readable
}

export type ImageStream = Readable | AsyncIterable<Uint8Array | string>

/**
 * Looks at an image without trusting it: recognises its format, the virtual
 * size it states, and every reason it is unsafe (`findings`). Reads at most
 * `maxBytes` (default 4 MiB) from any source.
 *
 * A path or a reader is read at the offsets each format needs (a VHD footer
 * at the end, an ISO descriptor at 32 KiB) and never in the middle. A stream
 * is read for its first `maxBytes` only; the result carries `stream`, which
 * yields those bytes again followed by the rest, so the caller uploads
 * `stream` instead of the original and nothing is read twice.
 *
 * Throws `ImageInspectionError` only when the source cannot be read; content
 * problems, however malicious, are findings.
 */
export async function inspectImage(source: string | Uint8Array | ImageReader, options?: InspectOptions): Promise<InspectionReport>
export async function inspectImage(source: ImageStream, options?: InspectOptions): Promise<InspectedStream>
export async function inspectImage(
  source: string | Uint8Array | ImageReader | ImageStream,
  options: InspectOptions = {},
): Promise<InspectionReport | InspectedStream> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 512) {
    throw new ImageInspectionError(`maxBytes must be a whole number of at least 512, not ${maxBytes}`)
  }
  if (typeof source === 'string') return inspectFile(source, maxBytes)
  if (source instanceof Uint8Array) return inspectReader(bufferReader(source), maxBytes)
  if (typeof source === 'object' && source !== null) {
    if (Symbol.asyncIterator in source) return inspectStream(source, maxBytes)
    if (typeof source.read === 'function') return inspectReader(source, maxBytes)
  }
  throw new ImageInspectionError('an image to inspect is a path, bytes, a reader or a stream')
}

function bufferReader(bytes: Uint8Array): ImageReader {
  return { size: bytes.length, read: async (position, length) => bytes.subarray(position, position + length) }
}

async function inspectFile(path: string, maxBytes: number): Promise<InspectionReport> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new ImageInspectionError(`cannot open ${path}: ${(error as Error).message}`, { cause: error })
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new ImageInspectionError(`${path} is not a regular file`)
    const file = handle
    return await inspectReader(
      {
        size: stat.size,
        async read(position, length) {
          const buffer = Buffer.alloc(length)
          let filled = 0
          while (filled < length) {
            const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled)
            if (bytesRead === 0) break
            filled += bytesRead
          }
          return buffer.subarray(0, filled)
        },
      },
      maxBytes,
    )
  } finally {
    await handle.close()
  }
}

async function inspectStream(source: ImageStream, maxBytes: number): Promise<InspectedStream> {
  const iterator = source[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let buffered = 0
  let ended = false
  try {
    while (buffered < maxBytes) {
      const next = await iterator.next()
      if (next.done) {
        ended = true
        break
      }
      const chunk = Buffer.from(next.value)
      chunks.push(chunk)
      buffered += chunk.length
    }
  } catch (error) {
    throw new ImageInspectionError(`cannot read the image stream: ${(error as Error).message}`, { cause: error })
  }
  const head = Buffer.concat(chunks).subarray(0, maxBytes)
  const reader: ImageReader = { size: ended ? head.length : undefined, read: bufferReader(head).read }
  const report = await examineWindow(await Window.open(reader, maxBytes, false))
  return { report, stream: Readable.from(replay(chunks, iterator, ended), { objectMode: false }) }
}

/** The consumed chunks, then the rest of the source; releases the source if the consumer stops early. */
async function* replay(chunks: Buffer[], iterator: AsyncIterator<Uint8Array | string>, ended: boolean): AsyncGenerator<Buffer> {
  let done = ended
  try {
    yield* chunks
    while (!done) {
      const next = await iterator.next()
      done = next.done === true
      if (!done) yield Buffer.from(next.value)
    }
  } finally {
    if (!done) await iterator.return?.()
  }
}

async function inspectReader(reader: ImageReader, maxBytes: number): Promise<InspectionReport> {
  return examineWindow(await Window.open(reader, maxBytes))
}

async function examineWindow(window: Window): Promise<InspectionReport> {
  const detected: Probe[] = []
  const skipped: SkippedCheck[] = []
  for (const probe of PROBES) {
    const result = new Examination()
    const { value: found, problem } = await guarded(probe, () => probe.detect(window, result))
    if (found) detected.push(probe)
    if (problem) result.skip('detect', problem.message)
    skipped.push(...result.skipped.map((s) => ({ format: probe.format, ...s })))
  }
  const matched = resolve(detected)
  const findings: InspectionFinding[] = []
  const report: InspectionReport = {
    format: matched[0]?.format ?? 'raw',
    matches: matched.map((p) => p.format),
    size: window.size,
    findings,
    skipped,
    bytesRead: 0,
    details: {},
  }
  if (matched.length > 1) {
    findings.push({ code: 'multiple-formats', format: report.format, message: `content matches several formats: ${report.matches.join(', ')}` })
  }
  for (const probe of matched) {
    const result = new Examination()
    const { problem } = await guarded(probe, () => probe.examine(window, result))
    if (problem) result.find(problem.code, problem.message)
    findings.push(...result.findings.map((f) => ({ format: probe.format, ...f })))
    skipped.push(...result.skipped.map((s) => ({ format: probe.format, ...s })))
    if (probe === matched[0]) {
      report.virtualSize = result.virtualSize
      report.details = result.details
    }
  }
  if (report.virtualSize === undefined && (report.format === 'raw' || PARTITIONED.has(report.format))) report.virtualSize = window.size
  report.bytesRead = window.bytesRead
  return report
}

/**
 * A partition table inside a VHD is the guest's disk, and an ISO may carry
 * one in front for booting from a block device (Glance allows iso+gpt).
 */
function resolve(matches: Probe[]): Probe[] {
  const has = (format: DetectedFormat) => matches.some((p) => p.format === format)
  if (has('vhd') || has('iso')) return matches.filter((p) => !PARTITIONED.has(p.format))
  return matches
}

/** Runs one probe step, turning a hostile structure into a problem of that format. */
async function guarded<T>(
  probe: Probe,
  step: () => Promise<T>,
): Promise<{ value?: T; problem?: { code: 'read-limit' | 'malformed'; message: string } }> {
  try {
    return { value: await step() }
  } catch (error) {
    if (error instanceof ImageInspectionError) throw error
    const message = `${probe.format}: ${(error as Error).message}`
    if (error instanceof OutOfReach) return { problem: { code: 'read-limit', message } }
    if (error instanceof Malformed || error instanceof RangeError) return { problem: { code: 'malformed', message } }
    throw new ImageInspectionError(`${probe.format} inspection failed: ${(error as Error).message}`, { cause: error })
  }
}
