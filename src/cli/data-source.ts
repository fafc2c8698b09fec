import { accessSync, constants, fstatSync, statSync } from 'node:fs'
import type { ImageData } from '../sdk/images/images.js'
import { CommandFailure } from './command-failure.js'

/**
 * Is image data waiting on stdin? glance reads stdin whenever it is not a
 * terminal. Node reopens a closed fd 0 as /dev/null, so a closed stdin and
 * `</dev/null` look alike here; we count only pipes, regular files and
 * sockets as data (docs/decisions/0003-stdin-data.md).
 */
export function stdinHasData(): boolean {
  if (process.stdin.isTTY) return false
  try {
    const st = fstatSync(stdinDescriptor())
    return st.isFIFO() || st.isFile() || st.isSocket()
  } catch {
    return false
  }
}

/**
 * The descriptor process.stdin reads: 0, unless a test harness has put a
 * stream over a file of its own in its place (test/support/command-harness.ts).
 */
const stdinDescriptor = (): number => (process.stdin as { fd?: number }).fd ?? 0

export interface ImageDataSource {
  data: ImageData
  /** Byte count when known up front (files, redirected regular files). */
  size?: number
  /** What to call the source in messages. */
  label: string
}

/** glance's refusal for a file it cannot read, checked before anything is created. */
export function assertReadableFile(path: string): void {
  try {
    accessSync(path, constants.R_OK)
  } catch {
    throw new CommandFailure(`File ${path} does not exist or user does not have read privileges to it`)
  }
  if (statSync(path).isDirectory()) throw new CommandFailure(`File ${path} is a directory, not an image file`)
}

/** The image data named by `--file`, else stdin when it carries data, else nothing. */
export function imageDataSource(file: string | undefined): ImageDataSource | undefined {
  if (file !== undefined) {
    assertReadableFile(file)
    return { data: { path: file }, size: statSync(file).size, label: file }
  }
  if (!stdinHasData()) return undefined
  const st = fstatSync(stdinDescriptor())
  return { data: process.stdin, size: st.isFile() ? st.size : undefined, label: 'stdin' }
}
