/**
 * One answer to a cancelled call, wherever it is cancelled: the promise (or
 * stream) fails with `signal.reason`, untouched — before the request, while
 * waiting for the answer, between retries, mid-body, and while polling.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { createMockDispatcher, type MockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base } from '../../support/mock-client.js'

const client = (mock: MockDispatcher, retries = 0) =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' }, retry: { retries } })

const image = { id: 'i1', name: 'x', status: 'active', size: 2048, checksum: null, os_hash_algo: null, os_hash_value: null, tags: [] }

/** A body that sends `first` bytes, then nothing until the test ends. */
function stalledBody(first: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(first).fill(7))
    },
  })
}

class Cancelled extends Error {}

describe('an aborted call rejects with signal.reason', () => {
  it('already aborted: nothing is sent', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image)))
    const reason = new Cancelled('stop')
    await expect(client(mock).images.get('i1', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(mock.requests).toEqual([])
  })

  it('while waiting for the answer; the default reason is a DOMException named AbortError', async () => {
    const controller = new AbortController()
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, async () => {
        controller.abort()
        await new Promise((resolve) => setTimeout(resolve, 100))
        return HttpResponse.json(image)
      }),
    )
    const error = await client(mock).images.get('i1', { signal: controller.signal }).catch((err: unknown) => err)
    expect(error).toBe(controller.signal.reason)
    expect(error).toBeInstanceOf(DOMException)
    expect((error as DOMException).name).toBe('AbortError')
  })

  it('between retries', async () => {
    const controller = new AbortController()
    const reason = new Cancelled('during backoff')
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, () => {
        setTimeout(() => controller.abort(reason), 20)
        return new HttpResponse('busy', { status: 503, headers: { 'retry-after': '5' } })
      }),
    )
    await expect(client(mock, 3).images.get('i1', { signal: controller.signal })).rejects.toBe(reason)
    expect(mock.requests).toHaveLength(1)
  })

  it('mid-body of a download stream', async () => {
    const controller = new AbortController()
    const mock = createMockDispatcher(http.get(`${base}/v2/images/i1/file`, () => new HttpResponse(stalledBody(1024), { headers: { 'content-length': '2048' } })))
    const download = await client(mock).images.download('i1', { verify: false, signal: controller.signal })
    const chunks = download!.stream.toArray()
    const reason = new Cancelled('mid-body')
    setTimeout(() => controller.abort(reason), 20)
    await expect(chunks).rejects.toBe(reason)
  })

  it('mid-body of downloadToFile: the bytes received stay in the part file, the target is not made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-abort-'))
    const target = join(dir, 'copy.img')
    const controller = new AbortController()
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image)),
      http.get(`${base}/v2/images/i1/file`, () => new HttpResponse(stalledBody(1024), { headers: { 'content-length': '2048' } })),
    )
    const pending = client(mock, 2).images.downloadToFile('i1', target, { signal: controller.signal })
    const reason = new Cancelled('mid-body')
    // Cancel once the first bytes are on disk, however long that takes on a loaded machine.
    const partSize = () => (existsSync(`${target}.part`) ? statSync(`${target}.part`).size : 0)
    const watcher = setInterval(() => partSize() === 1024 && controller.abort(reason), 5)
    await expect(pending).rejects.toBe(reason)
    clearInterval(watcher)
    expect(existsSync(target)).toBe(false)
    expect(statSync(`${target}.part`).size).toBe(1024)
    // Cancelled, not broken: no resumed request was sent.
    expect(mock.requests.filter((r) => r.url.endsWith('/file'))).toHaveLength(1)
  })

  it('while hashing the part file of a resumed download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-abort-'))
    const target = join(dir, 'copy.img')
    writeFileSync(`${target}.part`, Buffer.alloc(64 * 1024 * 1024, 1))
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json({ ...image, size: 128 * 1024 * 1024, os_hash_algo: 'sha512', os_hash_value: 'f'.repeat(128) })),
      http.get(`${base}/v2/images/i1/file`, () => new HttpResponse(stalledBody(1), { status: 206, headers: { 'content-range': `bytes ${64 * 1024 * 1024}-${128 * 1024 * 1024 - 1}/${128 * 1024 * 1024}` } })),
    )
    const controller = new AbortController()
    const reason = new Cancelled('while hashing')
    const pending = client(mock).images.downloadToFile('i1', target, { resume: true, signal: controller.signal })
    // Once the image's record is read, the SDK hashes the 64 MiB already kept, before it asks for the rest.
    const watcher = setInterval(() => mock.requests.length > 0 && controller.abort(reason), 1)
    await expect(pending).rejects.toBe(reason)
    clearInterval(watcher)
    expect(mock.requests.map((r) => new URL(r.url).pathname)).toEqual(['/v2/images/i1'])
  })

  it('while waiting for an import', async () => {
    const controller = new AbortController()
    const reason = new Cancelled('while polling')
    const mock = createMockDispatcher(
      http.get(`${base}/versions`, () => HttpResponse.json({ versions: [{ id: 'v2.9', status: 'CURRENT' }] })),
      http.get(`${base}/v2/images/i1`, () => {
        setTimeout(() => controller.abort(reason), 10)
        return HttpResponse.json({ ...image, status: 'importing', os_glance_import_task: 't1' })
      }),
    )
    await expect(client(mock).images.waitForImport('i1', { intervalMs: 1000, signal: controller.signal })).rejects.toBe(reason)
  })
})
