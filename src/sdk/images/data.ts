import { createHash, getHashes, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Transform, type TransformCallback } from 'node:stream'
import { ChecksumMismatchError, GlanceError } from '../errors.js'
import type { Image, TransferProgress } from './types.js'

/** How downloaded bytes will be checked, chosen as glanceclient chooses. */
export interface Verification {
  algorithm: string
  expected: string
}

/**
 * glanceclient's order: `os_hash_algo`/`os_hash_value` when present (failing
 * when the algorithm is unknown here unless md5 fallback is allowed), then
 * the md5 `checksum`, then a `Content-MD5` header, else no check.
 */
export function chooseVerification(
  image: Pick<Image, 'os_hash_algo' | 'os_hash_value' | 'checksum'>,
  contentMd5: string | undefined,
  allowMd5Fallback: boolean,
): Verification | undefined {
  if (image.os_hash_value) {
    const algorithm = String(image.os_hash_algo)
    if (getHashes().includes(algorithm)) return { algorithm, expected: image.os_hash_value }
    if (!allowMd5Fallback) throw new GlanceError(`unsupported hash type ${algorithm}`)
  }
  if (image.checksum) return { algorithm: 'md5', expected: image.checksum }
  if (contentMd5) return { algorithm: 'md5', expected: contentMd5 }
  return undefined
}

/**
 * Pass-through stream that hashes every chunk as it flows and fails at the
 * end on a mismatch, so verification costs no second pass over the data.
 */
export class VerifyingStream extends Transform {
  private readonly hash?: Hash
  private transferred = 0
  private unverified = false

  constructor(
    private readonly verification: Verification | undefined,
    private readonly total: number | undefined,
    private readonly onProgress?: (p: TransferProgress) => void,
    /** Bytes already received (a resumed download): their hash so far and their count. */
    head?: { hash?: Hash; bytes: number },
  ) {
    super({ highWaterMark: 1 << 20 })
    if (verification) this.hash = head?.hash ?? createHash(verification.algorithm)
    this.transferred = head?.bytes ?? 0
  }

  /** Bytes seen so far, including those of a resumed download's head. */
  get bytes(): number {
    return this.transferred
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash?.update(chunk)
    this.transferred += chunk.length
    this.onProgress?.({ transferred: this.transferred, total: this.total })
    done(null, chunk)
  }

  /**
   * End the stream without verifying: the source broke off, and the bytes
   * already passed on must still reach the sink (to be resumed from), with
   * no checksum error for data that is merely incomplete.
   */
  endUnverified(): void {
    this.unverified = true
    this.end()
  }

  override _flush(done: TransformCallback): void {
    if (this.hash && this.verification && !this.unverified) {
      const actual = this.hash.digest('hex')
      if (actual !== this.verification.expected) {
        done(new ChecksumMismatchError(this.verification.algorithm, actual, this.verification.expected))
        return
      }
    }
    done()
  }
}

/** The running hash of a file's bytes (the head of a download being resumed). */
export async function hashFile(path: string, algorithm: string, signal?: AbortSignal): Promise<Hash> {
  const hash = createHash(algorithm)
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer)
  } catch (err) {
    // The stream fails with its own AbortError; a cancelled call answers with the caller's reason.
    signal?.throwIfAborted()
    throw err
  }
  return hash
}

/** Counts bytes of an upload for progress reporting without buffering. */
export class ProgressStream extends Transform {
  private transferred = 0

  constructor(
    private readonly total: number | undefined,
    private readonly onProgress: (p: TransferProgress) => void,
  ) {
    super({ highWaterMark: 1 << 20 })
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.transferred += chunk.length
    this.onProgress({ transferred: this.transferred, total: this.total })
    done(null, chunk)
  }
}
