import { ImageInspectionError, type ImageReader } from './types.js'

/** A read the bound (or a stream not yet consumed) does not allow. */
export class OutOfReach extends Error {
  constructor(position: number, length: number) {
    super(`bytes ${position}..${position + length} are beyond the inspection bound`)
  }
}

/** Content that claims a format but breaks its rules. */
export class Malformed extends Error {}

/** Bytes at the start of every source, read once and shared by all probes. */
const HEAD_BYTES = 64 * 1024

/**
 * The probes' view of a source: positional reads charged against one
 * budget, with the head read once and served from memory. Probes see short
 * reads at the end of the source and `OutOfReach` past the budget.
 */
export class Window {
  bytesRead = 0

  private constructor(
    private readonly reader: ImageReader,
    readonly size: number | undefined,
    private readonly maxBytes: number,
    private readonly head: Uint8Array,
    /** Bytes past the head only exist in the reader when it can seek. */
    private readonly seekable: boolean,
  ) {}

  /** A source that cannot seek is already in memory up to `maxBytes`: all of it is the head. */
  static async open(reader: ImageReader, maxBytes: number, seekable = true): Promise<Window> {
    const headBytes = seekable ? Math.min(HEAD_BYTES, maxBytes) : maxBytes
    const want = Math.min(headBytes, reader.size ?? headBytes)
    const head = want > 0 ? await readFrom(reader, 0, want) : new Uint8Array(0)
    const size = reader.size ?? (head.length < want ? head.length : undefined)
    const window = new Window(reader, size, maxBytes, head, seekable)
    window.bytesRead = head.length
    return window
  }

  /** Reads `length` bytes at `position`; fewer only where the source ends. */
  async read(position: number, length: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
      throw new Malformed(`impossible region ${position}+${length}`)
    }
    if (this.size !== undefined && position >= this.size) return new Uint8Array(0)
    const end = this.size === undefined ? position + length : Math.min(position + length, this.size)
    if (end <= this.head.length) return this.head.subarray(position, end)
    const wanted = end - position
    if (!this.seekable || this.bytesRead + wanted > this.maxBytes) throw new OutOfReach(position, length)
    this.bytesRead += wanted
    return readFrom(this.reader, position, wanted)
  }

  /** Like `read`, but a short result means the structure is cut off. */
  async exact(position: number, length: number, what: string): Promise<Uint8Array> {
    const bytes = await this.read(position, length)
    if (bytes.length < length) throw new Malformed(`${what} is truncated`)
    return bytes
  }

  /** The last `length` bytes, when the size is known. */
  async tail(length: number): Promise<Uint8Array | undefined> {
    if (this.size === undefined || this.size < length) return undefined
    return this.read(this.size - length, length)
  }
}

/** A source that fails is the caller's problem, not a content finding. */
async function readFrom(reader: ImageReader, position: number, length: number): Promise<Uint8Array> {
  try {
    const bytes = await reader.read(position, length)
    return bytes.length > length ? bytes.subarray(0, length) : bytes
  } catch (error) {
    throw new ImageInspectionError(`cannot read the image: ${(error as Error).message}`, { cause: error })
  }
}

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** A 64-bit field as a number; a value no disk can have is malformed. */
export function u64(bytes: Uint8Array, offset: number, littleEndian: boolean, what: string): number {
  const value = view(bytes).getBigUint64(offset, littleEndian)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed(`${what} ${value} is absurd`)
  return Number(value)
}

export function ascii(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.max(0, Math.min(length, bytes.length - offset))).toString('latin1')
}
