/**
 * Downloading image data into a file that only ever holds verified bytes
 * under its name: data goes to `<path>.part`, is hashed as it arrives, and
 * the part file is renamed over `<path>` once the whole image verifies.
 *
 * When the body breaks off (connection reset or closed early, timeout), the
 * GET is retried within the transport's retry policy by asking only for the
 * missing bytes (`Range: bytes=<part size>-`); after the retries, or on an
 * abort, the bytes received stay in the part file so that a later call with
 * `resume: true` continues from them. Bytes that failed verification are
 * never kept. See docs/decisions/ on download resume.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import type { Hash } from 'node:crypto'
import type { Session } from '../session.js'
import type { HttpResponse } from '../transport/http-transport.js'
import { backoffDelayMs, sleep } from '../transport/retry.js'
import { ChecksumMismatchError, CommunicationError, GlanceError, PartialDownloadError, RequestTimeoutError } from '../errors.js'
import { chooseVerification, hashFile, VerifyingStream, type Verification } from './data.js'
import { imageFilePath } from './urls.js'
import type { DownloadToFileOptions, Image } from './types.js'

/** What `downloadToFile` reports about a completed download. */
export interface FileDownload {
  /** Size of the image in bytes, when the server or the image record told it. */
  size?: number
  /** Algorithm the whole file was verified with, or undefined when Glance recorded no hash. */
  verifiedWith?: string
  /** Bytes taken from an existing part file instead of the network (0 when none). */
  resumedFrom: number
}

const CONTENT_RANGE = /^bytes (\d+)-\d+\/(\d+|\*)$/

/** Socket-level failures of a response body: the data stopped, the server did not say no. */
const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR'])

function isBrokenTransfer(err: unknown): boolean {
  if (err instanceof CommunicationError || err instanceof RequestTimeoutError) return true
  const { code, name } = (err ?? {}) as { code?: unknown; name?: unknown }
  if (name === 'AbortError') return true
  return typeof code === 'string' && (code.startsWith('UND_ERR_') || BROKEN_CONNECTION_CODES.has(code))
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw err
  }
}

/** Where `downloadToFile` keeps the bytes of a download into `path` until they are verified (and after a cancel or a break, for `resume`). */
export function partFilePath(path: string): string {
  return `${path}.part`
}

export async function downloadImageToFile(
  session: Session,
  id: string,
  path: string,
  image: Image | undefined,
  opts: DownloadToFileOptions,
): Promise<FileDownload | undefined> {
  const { signal } = opts
  const partPath = partFilePath(path)
  const policy = session.transport.retryPolicy
  // Chosen before any data flows, so the head of a part file can be hashed
  // before the GET (a long hash must not eat into the body timeout).
  const knownVerification = image ? chooseVerification(image, undefined, opts.allowMd5Fallback ?? false) : undefined
  let resume = opts.resume ?? false
  let retries = 0
  let restartedAfterMismatch = false

  const startOver = async (reason: string) => {
    opts.onRestart?.(reason)
    await rm(partPath, { force: true })
    resume = false
  }

  for (;;) {
    let offset = resume ? await sizeOf(partPath) : 0
    if (offset > 0 && typeof image?.size === 'number' && offset >= image.size) {
      await startOver(`${partPath} holds ${offset} bytes, not fewer than the image's ${image.size}: downloading from the start`)
      offset = 0
    }
    const headHash = offset > 0 && knownVerification ? await hashFile(partPath, knownVerification.algorithm, signal) : undefined

    let res: HttpResponse
    try {
      res = await session.request({
        method: 'GET',
        path: imageFilePath(id),
        headers: offset > 0 ? { Range: `bytes=${offset}-` } : undefined,
        expect: offset > 0 ? [200, 204, 206, 416] : [200, 204],
        signal,
      })
    } catch (err) {
      // A part file this run or an earlier one filled is worth keeping when
      // the server could not be reached to continue it.
      if (offset > 0 && !signal?.aborted && isBrokenTransfer(err)) throw partialDownload(id, partPath, offset, image?.size ?? undefined, err)
      throw err
    }
    if (res.status === 204) {
      await res.dump()
      return undefined
    }
    if (res.status === 416) {
      await res.dump()
      await startOver(`the server has no bytes after the ${offset} in ${partPath}: downloading from the start`)
      continue
    }

    let start = 0
    let total: number | undefined
    if (res.status === 206) {
      const range = CONTENT_RANGE.exec(res.header('content-range') ?? '')
      if (!range || Number(range[1]) !== offset) {
        await res.dump()
        await startOver(`the server answered the range request with Content-Range "${res.header('content-range') ?? ''}": downloading from the start`)
        continue
      }
      start = offset
      total = range[2] === '*' ? undefined : Number(range[2])
    } else {
      if (offset > 0) opts.onRestart?.('the server ignored the range request: downloading from the start')
      const length = res.header('content-length')
      total = length === undefined ? undefined : Number(length)
    }
    total ??= typeof image?.size === 'number' ? image.size : undefined

    let verification: Verification | undefined
    let head: { hash?: Hash; bytes: number } | undefined
    try {
      verification = knownVerification ?? (image ? chooseVerification(image, res.header('content-md5'), opts.allowMd5Fallback ?? false) : undefined)
      if (start > 0) head = { bytes: start, hash: verification && (headHash ?? (await hashFile(partPath, verification.algorithm, signal))) }
    } catch (err) {
      await res.dump()
      throw err
    }

    const verifier = new VerifyingStream(verification, total, opts.onProgress, head)
    const sink = createWriteStream(partPath, { flags: start > 0 ? 'a' : 'w', highWaterMark: 1 << 20 })
    // Not pipeline(body, ...): a body error would destroy the streams after
    // it and lose the bytes they still hold. Those bytes are good; write
    // them, then report the break.
    let broken: Error | undefined
    res.body.once('error', (err) => {
      broken = err
      verifier.endUnverified()
    })
    res.body.pipe(verifier)
    try {
      await pipeline(verifier, sink, { signal })
      if (broken) throw broken
      // A body that ends cleanly but short, with nothing to verify it against.
      if (total !== undefined && verifier.bytes !== total) throw new CommunicationError(`the body ended after ${verifier.bytes} of ${total} bytes`)
      await rename(partPath, path)
      return { size: total, verifiedWith: verification?.algorithm, resumedFrom: start }
    } catch (err) {
      res.body.destroy()
      // pipeline rejects before the file is closed; a write still in flight must land before the part file is measured or removed.
      if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()))
      if (err instanceof ChecksumMismatchError) {
        // Never keep bytes that failed verification: a later resume would build on them.
        await rm(partPath, { force: true })
        if (start > 0 && !restartedAfterMismatch) {
          restartedAfterMismatch = true
          await startOver(`the resumed download did not verify (${err.message}): downloading from the start`)
          continue
        }
        throw err
      }
      if (!signal?.aborted && !isBrokenTransfer(err)) {
        await rm(partPath, { force: true })
        throw err instanceof GlanceError ? err : new GlanceError(`Download of image ${id} to ${path} failed: ${(err as Error).message}`, { cause: err })
      }
      const kept = await sizeOf(partPath)
      if (!signal?.aborted && retries < policy.retries) {
        const delay = backoffDelayMs(retries, policy)
        retries++
        session.transport.debugLog(
          `Resuming GET of image ${id} at byte ${kept} in ${(delay / 1000).toFixed(1)}s (${(err as Error).message}; retry ${retries} of ${policy.retries})`,
        )
        await sleep(delay, signal)
        resume = true
        continue
      }
      if (kept === 0) await rm(partPath, { force: true })
      // Cancelled: the caller gets its own reason; the bytes stay in the part file for `resume`.
      if (signal?.aborted) throw signal.reason
      throw partialDownload(id, partPath, kept, total, err)
    }
  }
}

function partialDownload(id: string, partPath: string, kept: number, total: number | undefined, cause: unknown): PartialDownloadError {
  return new PartialDownloadError(`Download of image ${id} broke off after ${kept} of ${total ?? 'unknown'} bytes (${(cause as Error).message})`, partPath, kept, total, { cause })
}
