import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { DryRunStop, type PlannedRequest } from '../../../src/sdk/dry-run.js'
import { redactHeaders } from '../../../src/sdk/transport/redact.js'
import { createMockDispatcher, type MockDispatcher, type RecordedRequest } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE, mockClient, requestLine } from '../../support/mock-client.js'

const dryClient = (mock: MockDispatcher) =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${GLANCE_BASE}/v2`, auth: { token: 'tok' }, dryRun: true })

const image = (extra: object = {}) => ({ id: 'i1', name: 'a', status: 'active', tags: [], ...extra })

const handlers = () => [
  http.get(`${GLANCE_BASE}/v2/schemas/image`, () => HttpResponse.json({ name: 'image', properties: { name: {}, os_distro: { is_base: false } } })),
  http.get(`${GLANCE_BASE}/v2/images/i1`, () => HttpResponse.json(image())),
  http.patch(`${GLANCE_BASE}/v2/images/i1`, async ({ request }) => HttpResponse.json(image({ patched: await request.json() }))),
  http.delete(`${GLANCE_BASE}/v2/images/:id`, () => new HttpResponse(null, { status: 204 })),
  http.put(`${GLANCE_BASE}/v2/images/i1/tags/:tag`, () => new HttpResponse(null, { status: 204 })),
]

/** A request msw saw, in the plan's shape: headers redacted, names as the transport wrote them. */
function asPlanned(recorded: RecordedRequest, planned: PlannedRequest) {
  const byLowerName = new Map(Object.keys(planned.headers).map((name) => [name.toLowerCase(), name]))
  const headers = Object.fromEntries(Object.entries(redactHeaders(recorded.headers)).map(([name, value]) => [byLowerName.get(name) ?? name, value]))
  return { method: recorded.method, url: recorded.url, headers, json: recorded.body.length > 0 ? JSON.parse(recorded.body.toString()) : null }
}

describe('dryRun', () => {
  it('image update: sends the reads, holds back the PATCH, which is what a real run sends', async () => {
    const dry = createMockDispatcher(...handlers())
    const client = dryClient(dry)
    const update = { set: { name: 'b', os_distro: 'debian' } }
    await expect(client.images.update('i1', update)).rejects.toBeInstanceOf(DryRunStop)
    expect(dry.requests.map(requestLine)).toEqual([`GET ${GLANCE_BASE}/v2/schemas/image`, `GET ${GLANCE_BASE}/v2/images/i1`])
    const plan = client.session.plan!.requests
    expect(plan.map((r) => [r.method, r.sent])).toEqual([
      ['GET', true],
      ['GET', true],
      ['PATCH', false],
    ])

    const real = createMockDispatcher(...handlers())
    await mockClient(real).images.update('i1', update)
    expect(real.requests).toHaveLength(3)
    real.requests.forEach((recorded, i) => {
      const planned = plan[i]
      // Header names and order as sent, values redacted; the body the computed patch.
      expect({ method: planned.method, url: planned.url, headers: planned.headers, json: planned.json }).toEqual(asPlanned(recorded, planned))
    })
    expect(plan[2].headers['X-Auth-Token']).toMatch(/^\{SHA256\}[0-9a-f]{64}$/)
    expect(plan[2].json).toEqual([
      { op: 'replace', path: '/name', value: 'b' },
      { op: 'add', path: '/os_distro', value: 'debian' },
    ])
    expect(plan[2].curl).toContain(`-X PATCH ${GLANCE_BASE}/v2/images/i1 `)
  })

  it('writes answered by a status only go on: every DELETE is planned, none sent', async () => {
    const mock = createMockDispatcher(...handlers())
    const client = dryClient(mock)
    await client.images.delete('i1')
    await client.images.delete('i2')
    expect(mock.requests).toEqual([])
    expect(client.session.plan!.requests.map((r) => `${r.method} ${r.url} ${r.sent}`)).toEqual([
      `DELETE ${GLANCE_BASE}/v2/images/i1 false`,
      `DELETE ${GLANCE_BASE}/v2/images/i2 false`,
    ])
  })

  it('a read after a held-back write stops the run unsent: its answer would be stale', async () => {
    const mock = createMockDispatcher(...handlers())
    const client = dryClient(mock)
    await client.images.tags.add('i1', 't1')
    await expect(client.images.get('i1')).rejects.toBeInstanceOf(DryRunStop)
    expect(mock.requests).toEqual([])
    expect(client.session.plan!.requests.map(requestLine)).toEqual([`PUT ${GLANCE_BASE}/v2/images/i1/tags/t1`])
  })

  it('image data is never read: the plan says binary', async () => {
    const mock = createMockDispatcher(...handlers())
    const client = dryClient(mock)
    let reads = 0
    const data = new Readable({
      read() {
        reads++
        this.push(null)
      },
    })
    await client.images.upload('i1', data).catch((err: Error) => expect(err).toBeInstanceOf(DryRunStop))
    const upload = client.session.plan!.requests.at(-1)!
    expect(upload.method).toBe('PUT')
    expect(upload.binaryBody).toBe(true)
    expect(upload.curl).toMatch(/-d <binary data>$/)
    expect(reads).toBe(0)
    expect(mock.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('is off unless asked for', async () => {
    expect(mockClient(createMockDispatcher()).session.plan).toBeUndefined()
  })
})
