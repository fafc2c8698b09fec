/**
 * The import side of the SDK: staging, the import request exactly as
 * glanceclient builds it, the discovery calls, store deletion, image tasks
 * behind the v2.12 check, and waitForImport's reading of Glance's import
 * state (success, failed stores, timeout, abort).
 */
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPNotFound, UnsupportedApiVersionError, ValidationError } from '../../../src/sdk/errors.js'
import { ImportTimeoutError, type ImageImportOptions, type ImageTask } from '../../../src/sdk/images/import.js'
import { createMockDispatcher, type MockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const clientFor = (mock: MockDispatcher) => new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' } })

/** Glance lists every minor version it serves, the newest as CURRENT. */
const versions = (latest: number) =>
  http.get(`${base}/versions`, () =>
    HttpResponse.json({
      versions: Array.from({ length: latest + 1 }, (_, minor) => ({ id: `v2.${latest - minor}`, status: minor === 0 ? 'CURRENT' : 'SUPPORTED' })),
    }),
  )

function image(extra: Record<string, unknown> = {}) {
  return { id: 'i1', name: 'img', status: 'queued', disk_format: 'raw', container_format: 'bare', tags: [], ...extra }
}

function task(extra: Partial<ImageTask> = {}): ImageTask {
  return {
    id: 't1',
    type: 'api_image_import',
    status: 'processing',
    input: { image_id: 'i1', backend: ['fast'] },
    result: null,
    owner: 'p',
    message: '',
    created_at: '2026-01-01T00:00:00.000000',
    updated_at: '2026-01-01T00:00:00.000000',
    image_id: 'i1',
    request_id: 'req-1',
    ...extra,
  }
}

describe('images.stage', () => {
  it('PUTs the bytes to /stage as octet-stream with their size and no store header', async () => {
    const mock = createMockDispatcher(http.put(`${base}/v2/images/i1/stage`, () => new HttpResponse(null, { status: 204 })))
    const data = Buffer.from('staged bytes')
    const seen: number[] = []
    await clientFor(mock).images.stage('i1', data, { onProgress: (p) => seen.push(p.transferred) })
    const [put] = mock.requests
    expect(put.method).toBe('PUT')
    expect(put.body.equals(data)).toBe(true)
    expect(put.headers['content-type']).toBe('application/octet-stream')
    expect(put.headers['content-length']).toBe(String(data.length))
    expect(put.headers['x-image-meta-store']).toBeUndefined()
    expect(seen.at(-1)).toBe(data.length)
  })
})

describe('images.import', () => {
  async function sent(opts: ImageImportOptions) {
    const mock = createMockDispatcher(
      http.post(`${base}/v2/images/i1/import`, () => new HttpResponse(null, { status: 202, headers: { 'x-openstack-request-id': 'req-42' } })),
    )
    const accepted = await clientFor(mock).images.import('i1', opts)
    const [post] = mock.requests
    return { accepted, headers: post.headers, body: post.body.toString('utf8') }
  }

  it('glance-direct: just the method, and the request id of the accepted call', async () => {
    const { accepted, headers, body } = await sent({ method: 'glance-direct' })
    expect(body).toBe('{"method":{"name":"glance-direct"}}')
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-image-meta-store']).toBeUndefined()
    expect(accepted).toEqual({ requestId: 'req-42' })
  })

  it('web-download: the uri inside the method; a single store as X-Image-Meta-Store', async () => {
    const { headers, body } = await sent({ method: 'web-download', uri: 'http://127.0.0.1:8000/x.img', store: 'cheap' })
    expect(body).toBe('{"method":{"name":"web-download","uri":"http://127.0.0.1:8000/x.img"}}')
    expect(headers['x-image-meta-store']).toBe('cheap')
  })

  it('copy-image to stores: failures allowed by default, so all_stores_must_succeed is false', async () => {
    const { body } = await sent({ method: 'copy-image', stores: ['cheap', 'fast'] })
    expect(body).toBe('{"method":{"name":"copy-image"},"stores":["cheap","fast"],"all_stores_must_succeed":false}')
  })

  it('allowFailure false leaves all_stores_must_succeed to the server (true)', async () => {
    const { body } = await sent({ method: 'copy-image', allStores: true, allowFailure: false })
    expect(body).toBe('{"method":{"name":"copy-image"},"all_stores":true}')
  })

  it('all stores with failures allowed', async () => {
    const { body } = await sent({ method: 'copy-image', allStores: true })
    expect(body).toBe('{"method":{"name":"copy-image"},"all_stores":true,"all_stores_must_succeed":false}')
  })

  it('glance-download: interface, region and image id in glanceclient order; nothing without both region and id', async () => {
    const full = await sent({ method: 'glance-download', remoteRegion: 'R2', remoteImageId: 'r1', remoteServiceInterface: 'internal' })
    expect(full.body).toBe('{"method":{"name":"glance-download","glance_service_interface":"internal","glance_region":"R2","glance_image_id":"r1"}}')
    const half = await sent({ method: 'glance-download', remoteRegion: 'R2' })
    expect(half.body).toBe('{"method":{"name":"glance-download"}}')
  })

  it('refuses a uri with any method but web-download before sending', async () => {
    const mock = createMockDispatcher()
    const err = await clientFor(mock)
      .images.import('i1', { method: 'glance-direct', uri: 'http://x' })
      .catch((e) => e)
    expect(err).toBeInstanceOf(ValidationError)
    expect(err).toMatchObject({ option: 'uri', message: 'URI is only supported with method: "web-download"' })
    expect(mock.requests).toHaveLength(0)
  })
})

describe('info', () => {
  it('GETs /v2/info/import, /v2/info/stores and /v2/info/stores/detail', async () => {
    const methods = { 'import-methods': { description: 'Import methods available.', type: 'array', value: ['glance-direct'] } }
    const mock = createMockDispatcher(
      http.get(`${base}/v2/info/import`, () => HttpResponse.json(methods)),
      http.get(`${base}/v2/info/stores`, () => HttpResponse.json({ stores: [{ id: 'fast', default: 'true' }] })),
      http.get(`${base}/v2/info/stores/detail`, () => HttpResponse.json({ stores: [{ id: 'fast', type: 'file', properties: {} }] })),
    )
    const glance = clientFor(mock)
    expect(await glance.info.getImportInfo()).toEqual(methods)
    expect((await glance.info.getStoresInfo()).stores[0].default).toBe('true')
    expect((await glance.info.getStoresInfo({ detail: true })).stores[0].type).toBe('file')
    expect(mock.requests.map((r) => r.url)).toEqual([`${base}/v2/info/import`, `${base}/v2/info/stores`, `${base}/v2/info/stores/detail`])
  })

  it('a cloud without multiple stores answers 404', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/info/stores`, () => new HttpResponse('Not Found', { status: 404 })))
    await expect(clientFor(mock).info.getStoresInfo()).rejects.toBeInstanceOf(HTTPNotFound)
  })
})

describe('images.deleteFromStore', () => {
  it('DELETEs /v2/stores/{store}/{image}', async () => {
    const mock = createMockDispatcher(http.delete(`${base}/v2/stores/cheap/i1`, () => new HttpResponse(null, { status: 204 })))
    await clientFor(mock).images.deleteFromStore('i1', 'cheap')
    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE ${base}/v2/stores/cheap/i1`])
  })
})

describe('images.tasks', () => {
  it('checks /versions for v2.12 once, then lists the tasks', async () => {
    const mock = createMockDispatcher(
      versions(16),
      http.get(`${base}/v2/images/i1/tasks`, () => HttpResponse.json({ tasks: [task()], self: '/v2/images/i1/tasks' })),
    )
    const glance = clientFor(mock)
    expect((await glance.images.tasks('i1')).map((t) => t.id)).toEqual(['t1'])
    await glance.images.tasks('i1')
    expect(mock.requests.map((r) => new URL(r.url).pathname)).toEqual(['/versions', '/v2/images/i1/tasks', '/v2/images/i1/tasks'])
  })

  it('a server without v2.12 gets no tasks request: UnsupportedApiVersionError', async () => {
    const mock = createMockDispatcher(versions(11))
    await expect(clientFor(mock).images.tasks('i1')).rejects.toBeInstanceOf(UnsupportedApiVersionError)
    expect(mock.requests.map((r) => new URL(r.url).pathname)).toEqual(['/versions'])
  })
})

/** Serve the image and its tasks from scripted sequences, one step per poll; the last step repeats. */
function importScript(steps: { image: Record<string, unknown>; tasks?: ImageTask[] }[], opts: { versions?: number } = {}) {
  let imagePolls = 0
  let taskPolls = 0
  const at = (n: number) => steps[Math.min(n, steps.length - 1)]
  const mock = createMockDispatcher(
    versions(opts.versions ?? 16),
    http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image(at(imagePolls++).image))),
    http.get(`${base}/v2/images/i1/tasks`, () => HttpResponse.json({ tasks: at(taskPolls++).tasks ?? [] })),
  )
  return { mock, polls: () => imagePolls }
}

describe('images.waitForImport', () => {
  it('success: polls until the task succeeded and the image lock is gone; reports the stores', async () => {
    const { mock } = importScript([
      { image: { status: 'uploading', os_glance_import_task: 't1' }, tasks: [task({ status: 'pending' })] },
      { image: { status: 'importing', os_glance_import_task: 't1', os_glance_importing_to_stores: 'fast' }, tasks: [task({ message: 'Copied 0 MiB' })] },
      // The task is marked done a moment before the lock is dropped: not finished yet.
      { image: { status: 'active', os_glance_import_task: 't1', stores: 'fast' }, tasks: [task({ status: 'success' })] },
      { image: { status: 'active', stores: 'fast', os_glance_importing_to_stores: '', os_glance_failed_import: '' }, tasks: [task({ status: 'success' })] },
    ])
    const seen: string[] = []
    const result = await clientFor(mock).images.waitForImport('i1', { intervalMs: 1, onProgress: ({ image: img, task: t }) => seen.push(`${img.status}/${t?.status}`) })
    expect(seen).toEqual(['uploading/pending', 'importing/processing', 'active/success', 'active/success'])
    expect(result).toMatchObject({ outcome: 'success', succeededStores: ['fast'], failedStores: [], task: { id: 't1', status: 'success' } })
    expect(result.image.status).toBe('active')
  })

  it('failure: the image falls back to queued with the store in os_glance_failed_import; the task says why', async () => {
    const failed = task({ status: 'failure', message: 'Task failed due to Internal Error' })
    const { mock } = importScript([
      { image: { status: 'importing', os_glance_import_task: 't1', os_glance_importing_to_stores: 'fast' }, tasks: [task()] },
      // A failed flow drops the lock before it marks the task failed.
      { image: { status: 'queued', os_glance_failed_import: 'fast' }, tasks: [task()] },
      { image: { status: 'queued', os_glance_failed_import: 'fast' }, tasks: [failed] },
    ])
    const result = await clientFor(mock).images.waitForImport('i1', { intervalMs: 1 })
    expect(result).toMatchObject({ outcome: 'failure', failedStores: ['fast'], succeededStores: [], task: { message: 'Task failed due to Internal Error' } })
  })

  it('partial: active in one targeted store, failed in the other; stores failed by earlier imports do not count', async () => {
    const copy = task({ status: 'success', input: { backend: ['cheap', 'web'] } })
    const { mock } = importScript([{ image: { status: 'active', stores: 'fast,cheap', os_glance_failed_import: 'old,web' }, tasks: [copy] }])
    const result = await clientFor(mock).images.waitForImport('i1', { intervalMs: 1 })
    expect(result).toMatchObject({ outcome: 'partial', succeededStores: ['cheap'], failedStores: ['web'] })
  })

  it('copy-image whose only target failed is a failure although the task succeeded and the image is active', async () => {
    const copy = task({ status: 'success', input: { backend: ['web'] } })
    const { mock } = importScript([{ image: { status: 'active', stores: 'fast', os_glance_failed_import: 'web' }, tasks: [copy] }])
    expect(await clientFor(mock).images.waitForImport('i1', { intervalMs: 1 })).toMatchObject({ outcome: 'failure', failedStores: ['web'] })
  })

  it('finds its task by request id when the import had already ended at the first poll', async () => {
    const earlier = task({ id: 't0', request_id: 'req-0', status: 'failure', created_at: '2026-01-02T00:00:00.000000' })
    const ours = task({ id: 't1', request_id: 'req-1', status: 'success' })
    const { mock } = importScript([{ image: { status: 'active', stores: 'fast' }, tasks: [earlier, ours] }])
    const result = await clientFor(mock).images.waitForImport('i1', { intervalMs: 1, requestId: 'req-1' })
    expect(result).toMatchObject({ outcome: 'success', task: { id: 't1' } })
  })

  it('without the image tasks API: ends when the lock is released and no store is pending', async () => {
    const { mock } = importScript(
      [
        { image: { status: 'importing', os_glance_import_task: 't1', os_glance_importing_to_stores: 'fast' } },
        { image: { status: 'active', stores: 'fast', os_glance_importing_to_stores: '' } },
      ],
      { versions: 9 },
    )
    const result = await clientFor(mock).images.waitForImport('i1', { intervalMs: 1 })
    expect(result).toMatchObject({ outcome: 'success', task: undefined, succeededStores: ['fast'] })
    expect(mock.requests.filter((r) => r.url.endsWith('/tasks'))).toHaveLength(0)
  })

  it('a killed image ends the wait as a failure', async () => {
    const { mock } = importScript([{ image: { status: 'killed', os_glance_import_task: 't1' }, tasks: [task()] }])
    expect((await clientFor(mock).images.waitForImport('i1', { intervalMs: 1 })).outcome).toBe('failure')
  })

  it('timeout: ImportTimeoutError carrying the last image seen', async () => {
    const { mock } = importScript([{ image: { status: 'importing', os_glance_import_task: 't1', os_glance_importing_to_stores: 'cheap' }, tasks: [task()] }])
    const err = await clientFor(mock)
      .images.waitForImport('i1', { intervalMs: 5, timeoutMs: 30 })
      .catch((e) => e)
    expect(err).toBeInstanceOf(ImportTimeoutError)
    expect(err.image.os_glance_importing_to_stores).toBe('cheap')
    expect(err.task.id).toBe('t1')
    expect(err.message).toBe('Image i1 was still importing after 0.03 seconds (status: importing)')
  })

  it('abort: rejects with the signal reason and stops polling', async () => {
    const { mock, polls } = importScript([{ image: { status: 'importing', os_glance_import_task: 't1' }, tasks: [task()] }])
    const controller = new AbortController()
    const waiting = clientFor(mock).images.waitForImport('i1', {
      intervalMs: 5,
      signal: controller.signal,
      onProgress: () => {
        if (polls() === 2) controller.abort()
      },
    })
    const err = await waiting.catch((e) => e)
    expect(err.name).toBe('AbortError')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(polls()).toBe(2)
  })
})
