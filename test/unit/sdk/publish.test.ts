/**
 * images.publish: create + data (+ import + wait) in one call, and the image
 * deleted whenever the call fails or is aborted after creating it.
 */
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HTTPOverLimit, ValidationError } from '../../../src/sdk/errors.js'
import { ImportFailedError, type PublishCleanup } from '../../../src/sdk/images/publish.js'
import { createMockDispatcher, type MockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

const FIELDS = { name: 'cirros', disk_format: 'qcow2', container_format: 'bare' } as const

function image(status: string, extra: Record<string, unknown> = {}) {
  return { id: 'i1', name: 'cirros', status, disk_format: 'qcow2', container_format: 'bare', tags: [], ...extra }
}

const created = http.post(`${base}/v2/images`, () => HttpResponse.json(image('queued'), { status: 201 }))
const deleted = http.delete(`${base}/v2/images/i1`, () => new HttpResponse(null, { status: 204 }))
const noContent = () => new HttpResponse(null, { status: 204 })
const lines = (mock: MockDispatcher) => mock.requests.map(requestLine)

describe('images.publish: upload', () => {
  it('creates, uploads and returns the image as Glance holds it after the upload', async () => {
    const mock = createMockDispatcher(created, http.put(`${base}/v2/images/i1/file`, noContent), http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('active', { size: 5 }))))
    const published = await mockClient(mock).images.publish(FIELDS, Buffer.from('bytes'))
    expect(published.status).toBe('active')
    expect(lines(mock)).toEqual([`POST ${base}/v2/images`, `PUT ${base}/v2/images/i1/file`, `GET ${base}/v2/images/i1`])
    expect(JSON.parse(mock.requests[0].body.toString())).toEqual(FIELDS)
    expect(mock.requests[1].body.toString()).toBe('bytes')
  })

  it('deletes the image when the upload fails, tells onCleanup, and rethrows the upload error', async () => {
    const mock = createMockDispatcher(created, deleted, http.put(`${base}/v2/images/i1/file`, () => new HttpResponse('too big', { status: 413 })))
    const cleanups: PublishCleanup[] = []
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('bytes'), { onCleanup: (c) => cleanups.push(c) })).rejects.toBeInstanceOf(HTTPOverLimit)
    expect(lines(mock)).toEqual([`POST ${base}/v2/images`, `PUT ${base}/v2/images/i1/file`, `DELETE ${base}/v2/images/i1`])
    expect(cleanups).toEqual([{ imageId: 'i1', step: 'upload', deleted: true }])
  })

  it('reports a failed cleanup with its error, and still throws the upload error', async () => {
    const mock = createMockDispatcher(
      created,
      http.put(`${base}/v2/images/i1/file`, () => new HttpResponse('too big', { status: 413 })),
      http.delete(`${base}/v2/images/i1`, () => new HttpResponse('forbidden', { status: 403 })),
    )
    const cleanups: PublishCleanup[] = []
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('b'), { onCleanup: (c) => cleanups.push(c) })).rejects.toBeInstanceOf(HTTPOverLimit)
    expect(cleanups).toHaveLength(1)
    expect(cleanups[0]).toMatchObject({ imageId: 'i1', step: 'upload', deleted: false })
    expect(cleanups[0].error).toBeInstanceOf(Error)
  })

  it('an abort during the upload rejects with the signal\'s reason and deletes the image', async () => {
    const controller = new AbortController()
    const reason = new Error('stop')
    const mock = createMockDispatcher(
      created,
      deleted,
      http.put(`${base}/v2/images/i1/file`, async () => {
        controller.abort(reason)
        await new Promise((resolve) => setTimeout(resolve, 50))
        return noContent()
      }),
    )
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('bytes'), { signal: controller.signal })).rejects.toBe(reason)
    expect(lines(mock).at(-1)).toBe(`DELETE ${base}/v2/images/i1`)
  })

  it('an abort during the create lets it finish, then deletes the image it made', async () => {
    const controller = new AbortController()
    const reason = new Error('stop')
    const mock = createMockDispatcher(
      deleted,
      http.post(`${base}/v2/images`, async () => {
        controller.abort(reason)
        await new Promise((resolve) => setTimeout(resolve, 30))
        return HttpResponse.json(image('queued'), { status: 201 })
      }),
    )
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('bytes'), { signal: controller.signal })).rejects.toBe(reason)
    expect(lines(mock)).toEqual([`POST ${base}/v2/images`, `DELETE ${base}/v2/images/i1`])
  })

  it('an already aborted signal creates nothing', async () => {
    const mock = createMockDispatcher(created)
    const reason = new Error('stop')
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('b'), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(mock.requests).toEqual([])
  })

  it('a failed read-back after the upload keeps the image: it is published', async () => {
    const cleanups: PublishCleanup[] = []
    const mock = createMockDispatcher(created, deleted, http.put(`${base}/v2/images/i1/file`, noContent), http.get(`${base}/v2/images/i1`, () => new HttpResponse('no', { status: 500 })))
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('b'), { onCleanup: (c) => cleanups.push(c) })).rejects.toMatchObject({ status: 500 })
    expect(lines(mock)).not.toContain(`DELETE ${base}/v2/images/i1`)
    expect(cleanups).toEqual([])
  })

  it('an onCleanup that throws does not hide the error that ended the publish', async () => {
    const mock = createMockDispatcher(created, deleted, http.put(`${base}/v2/images/i1/file`, () => new HttpResponse('too big', { status: 413 })))
    const onCleanup = () => {
      throw new Error('callback bug')
    }
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('b'), { onCleanup })).rejects.toBeInstanceOf(HTTPOverLimit)
  })

  it('creates nothing when the create itself fails', async () => {
    const mock = createMockDispatcher(http.post(`${base}/v2/images`, () => new HttpResponse('bad', { status: 400 })))
    await expect(mockClient(mock).images.publish(FIELDS, Buffer.from('b'))).rejects.toMatchObject({ status: 400 })
    expect(lines(mock)).toEqual([`POST ${base}/v2/images`])
  })
})

describe('images.publish: imports', () => {
  const versions = http.get(`${base}/versions`, () => HttpResponse.json({ versions: [{ id: 'v2.16', status: 'CURRENT' }, { id: 'v2.12', status: 'SUPPORTED' }] }))
  const accepted = http.post(`${base}/v2/images/i1/import`, () => new HttpResponse(null, { status: 202, headers: { 'x-openstack-request-id': 'req-1' } }))
  const task = (status: string, message = '') => ({
    id: 't1',
    type: 'api_image_import',
    status,
    message,
    input: {},
    result: null,
    owner: 'p',
    created_at: '2026-01-01T00:00:00.000000',
    updated_at: '2026-01-01T00:00:00.000000',
    image_id: 'i1',
    request_id: 'req-1',
  })

  it('glance-direct: stages, imports, and waits until the import has ended', async () => {
    let polls = 0
    const mock = createMockDispatcher(
      created,
      versions,
      accepted,
      http.put(`${base}/v2/images/i1/stage`, noContent),
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json(++polls < 2 ? image('importing', { os_glance_import_task: 't1' }) : image('active'))),
      http.get(`${base}/v2/images/i1/tasks`, () => HttpResponse.json({ tasks: [task(polls < 2 ? 'processing' : 'success')] })),
    )
    const published = await mockClient(mock).images.publish(FIELDS, Buffer.from('bytes'), { method: 'glance-direct', intervalMs: 1 })
    expect(published.status).toBe('active')
    expect(lines(mock).slice(0, 3)).toEqual([`POST ${base}/v2/images`, `PUT ${base}/v2/images/i1/stage`, `POST ${base}/v2/images/i1/import`])
    expect(JSON.parse(mock.requests[2].body.toString())).toEqual({ method: { name: 'glance-direct' } })
    expect(lines(mock)).not.toContain(`DELETE ${base}/v2/images/i1`)
  })

  it('web-download from a { uri } source; wait: false returns the image once Glance accepted the import', async () => {
    const mock = createMockDispatcher(created, accepted, http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('importing'))))
    const told: unknown[] = []
    const published = await mockClient(mock).images.publish(FIELDS, { uri: 'https://example.test/cirros.img' }, { wait: false, stores: ['a', 'b'], onImportAccepted: (a) => told.push(a) })
    expect(told).toEqual([{ requestId: 'req-1' }])
    expect(published.status).toBe('importing')
    expect(lines(mock)).toEqual([`POST ${base}/v2/images`, `POST ${base}/v2/images/i1/import`, `GET ${base}/v2/images/i1`])
    expect(JSON.parse(mock.requests[1].body.toString())).toEqual({
      method: { name: 'web-download', uri: 'https://example.test/cirros.img' },
      stores: ['a', 'b'],
      all_stores_must_succeed: false,
    })
  })

  it('an import that fails deletes the image and throws ImportFailedError with the result', async () => {
    const cleanups: PublishCleanup[] = []
    const mock = createMockDispatcher(
      created,
      deleted,
      versions,
      accepted,
      http.get(`${base}/v2/images/i1`, () => HttpResponse.json(image('queued'))),
      http.get(`${base}/v2/images/i1/tasks`, () => HttpResponse.json({ tasks: [task('failure', 'URI unreachable')] })),
    )
    const error = await mockClient(mock)
      .images.publish(FIELDS, { uri: 'https://example.test/x' }, { intervalMs: 1, onCleanup: (c) => cleanups.push(c) })
      .catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ImportFailedError)
    expect((error as ImportFailedError).result.task?.message).toBe('URI unreachable')
    expect((error as Error).message).toBe("Import of image i1 failed (image 'queued'): URI unreachable")
    expect(cleanups).toEqual([{ imageId: 'i1', step: 'wait', deleted: true }])
    expect(lines(mock).at(-1)).toBe(`DELETE ${base}/v2/images/i1`)
  })

  it('refuses a method that cannot take the source, before any request', async () => {
    const mock = createMockDispatcher()
    const images = mockClient(mock).images
    await expect(images.publish(FIELDS, { uri: 'https://example.test/x' }, { method: 'glance-direct' })).rejects.toBeInstanceOf(ValidationError)
    await expect(images.publish(FIELDS, Buffer.from('b'), { method: 'web-download' })).rejects.toMatchObject({ option: 'method' })
    expect(mock.requests).toEqual([])
  })
})
