/**
 * downloadToFile's part file: resuming from it with a Range request, the
 * server answers that force a restart, retrying a body that broke off, and
 * never keeping bytes that failed verification.
 */
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GlanceClient } from '../../../src/sdk/client.js'
import { ChecksumMismatchError, PartialDownloadError } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const data = randomBytes(300_000)
const sha512 = createHash('sha512').update(data).digest('hex')
const dir = mkdtempSync(join(tmpdir(), 'tsglance-resume-'))
let fileCount = 0
const target = () => join(dir, `image-${++fileCount}.img`)

const imageRecord = { id: 'i1', status: 'active', size: data.length, os_hash_algo: 'sha512', os_hash_value: sha512, checksum: null }

/** A body that delivers `bytes` and then fails as a reset connection does. */
function brokenBody(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes))
    },
    pull(controller) {
      controller.error(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))
    },
  })
}

type FileAnswer = (range: string | null) => Response
/** Image metadata plus a /file handler; `answers[i]` serves the i-th data request (the last one repeats). */
function glanceWith(...answers: FileAnswer[]) {
  let calls = 0
  const mock = createMockDispatcher(
    http.get(`${base}/v2/images/i1`, () => HttpResponse.json(imageRecord)),
    http.get(`${base}/v2/images/i1/file`, ({ request }) => answers[Math.min(calls++, answers.length - 1)](request.headers.get('range'))),
  )
  const glance = new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' }, retry: { retries: 2, baseDelayMs: 0 } })
  const ranges = () => mock.requests.filter((r) => r.url.endsWith('/file')).map((r) => r.headers.range)
  return { glance, ranges }
}

/** What Glance does: 206 with Content-Range for `bytes=N-`, else the whole image. */
const honoursRange: FileAnswer = (range) => {
  const start = range ? Number(/^bytes=(\d+)-$/.exec(range)![1]) : 0
  if (start >= data.length) return new HttpResponse(null, { status: 416 })
  if (start === 0) return new HttpResponse(data, { headers: { 'content-length': String(data.length) } })
  const rest = data.subarray(start)
  return new HttpResponse(rest, { status: 206, headers: { 'content-length': String(rest.length), 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` } })
}
const ignoresRange: FileAnswer = () => new HttpResponse(data, { headers: { 'content-length': String(data.length) } })
const breaksAfter =
  (bytes: number): FileAnswer =>
  () =>
    new HttpResponse(brokenBody(data.subarray(0, bytes)), { headers: { 'content-length': String(data.length) } })

describe('downloadToFile with resume', () => {
  it('hashes the part file, asks only for the rest, and verifies the whole file', async () => {
    const path = target()
    writeFileSync(`${path}.part`, data.subarray(0, 120_000))
    const { glance, ranges } = glanceWith(honoursRange)
    const result = await glance.images.downloadToFile('i1', path, { resume: true })
    expect(ranges()).toEqual(['bytes=120000-'])
    expect(result).toMatchObject({ resumedFrom: 120_000, size: data.length, verifiedWith: 'sha512' })
    expect(readFileSync(path).equals(data)).toBe(true)
    expect(existsSync(`${path}.part`)).toBe(false)
  })

  it('reports progress from the resumed offset to the image size', async () => {
    const path = target()
    writeFileSync(`${path}.part`, data.subarray(0, 100_000))
    const seen: number[] = []
    await glanceWith(honoursRange).glance.images.downloadToFile('i1', path, { resume: true, onProgress: (p) => seen.push(p.transferred) })
    expect(seen[0]).toBeGreaterThan(100_000)
    expect(seen.at(-1)).toBe(data.length)
  })

  it('without resume ignores an existing part file and downloads everything', async () => {
    const path = target()
    writeFileSync(`${path}.part`, Buffer.from('stale bytes from another download'))
    const { glance, ranges } = glanceWith(honoursRange)
    expect((await glance.images.downloadToFile('i1', path))?.resumedFrom).toBe(0)
    expect(ranges()).toEqual([undefined])
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('starts over when the server ignores the Range and sends the whole image', async () => {
    const path = target()
    writeFileSync(`${path}.part`, data.subarray(0, 50_000))
    const restarts: string[] = []
    const result = await glanceWith(ignoresRange).glance.images.downloadToFile('i1', path, { resume: true, onRestart: (r) => restarts.push(r) })
    expect(result?.resumedFrom).toBe(0)
    expect(restarts).toEqual(['the server ignored the range request: downloading from the start'])
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('deletes a part file as large as the image and downloads from the start', async () => {
    const path = target()
    writeFileSync(`${path}.part`, Buffer.concat([data, Buffer.from('x')]))
    const restarts: string[] = []
    const { glance, ranges } = glanceWith(honoursRange)
    await glance.images.downloadToFile('i1', path, { resume: true, onRestart: (r) => restarts.push(r) })
    expect(ranges()).toEqual([undefined])
    expect(restarts).toHaveLength(1)
    expect(restarts[0]).toContain(`holds ${data.length + 1} bytes, not fewer than the image's ${data.length}`)
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('starts over on 416 (the server has fewer bytes than the part file)', async () => {
    const path = target()
    writeFileSync(`${path}.part`, data.subarray(0, 1000))
    const { glance, ranges } = glanceWith(() => new HttpResponse('<html>416</html>', { status: 416 }), honoursRange)
    const restarts: string[] = []
    await glance.images.downloadToFile('i1', path, { resume: true, onRestart: (r) => restarts.push(r) })
    expect(ranges()).toEqual(['bytes=1000-', undefined])
    expect(restarts).toHaveLength(1)
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('a part file with wrong bytes fails verification once, then the image is downloaded whole', async () => {
    const path = target()
    const head = Buffer.from(data.subarray(0, 80_000))
    head[10] ^= 0xff
    writeFileSync(`${path}.part`, head)
    const restarts: string[] = []
    const { glance, ranges } = glanceWith(honoursRange)
    const result = await glance.images.downloadToFile('i1', path, { resume: true, onRestart: (r) => restarts.push(r) })
    expect(ranges()).toEqual(['bytes=80000-', undefined])
    expect(restarts[0]).toMatch(/^the resumed download did not verify \(Corrupt image download\. Hash was [0-9a-f]+ expected [0-9a-f]+\)/)
    expect(result?.resumedFrom).toBe(0)
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('a fresh download that does not verify leaves no part file and is not retried', async () => {
    const path = target()
    const corrupt = Buffer.from(data)
    corrupt[200_000] ^= 0xff
    const { glance, ranges } = glanceWith(() => new HttpResponse(corrupt, { headers: { 'content-length': String(corrupt.length) } }))
    const err = await glance.images.downloadToFile('i1', path).catch((e: Error) => e)
    expect(err).toBeInstanceOf(ChecksumMismatchError)
    expect(ranges()).toHaveLength(1)
    expect(existsSync(`${path}.part`)).toBe(false)
    expect(existsSync(path)).toBe(false)
  })
})

describe('downloadToFile when the body breaks off', () => {
  it('continues with a Range request from the bytes already written (within --retries)', async () => {
    const path = target()
    const { glance, ranges } = glanceWith(breaksAfter(90_000), honoursRange)
    const result = await glance.images.downloadToFile('i1', path)
    expect(ranges()).toEqual([undefined, 'bytes=90000-'])
    expect(result?.resumedFrom).toBe(90_000)
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('after the retries keeps the bytes received in the part file, and resume completes it', async () => {
    const path = target()
    const failing = glanceWith(breaksAfter(70_000))
    const err = await failing.glance.images.downloadToFile('i1', path).catch((e: Error) => e)
    expect(err).toBeInstanceOf(PartialDownloadError)
    // First attempt plus two retries; each retry resumed from what was kept.
    expect(failing.ranges()).toEqual([undefined, 'bytes=70000-', 'bytes=70000-'])
    expect(err).toMatchObject({ keptBytes: 70_000, total: data.length, partPath: `${path}.part` })
    expect((err as Error).message).toBe(`Download of image i1 broke off after 70000 of ${data.length} bytes (other side closed)`)
    expect(readFileSync(`${path}.part`).equals(data.subarray(0, 70_000))).toBe(true)
    expect(existsSync(path)).toBe(false)

    const { glance, ranges } = glanceWith(honoursRange)
    expect((await glance.images.downloadToFile('i1', path, { resume: true }))?.resumedFrom).toBe(70_000)
    expect(ranges()).toEqual(['bytes=70000-'])
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('keeps nothing when no byte arrived', async () => {
    const path = target()
    const { glance } = glanceWith(breaksAfter(0))
    const err = await glance.images.downloadToFile('i1', path).catch((e: Error) => e)
    expect(err).toMatchObject({ name: 'PartialDownloadError', keptBytes: 0 })
    expect(existsSync(`${path}.part`)).toBe(false)
  })
})
