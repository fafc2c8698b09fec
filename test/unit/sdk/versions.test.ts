import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

const document = {
  versions: [
    { id: 'v2.16', status: 'CURRENT' },
    { id: 'v2.15', status: 'SUPPORTED' },
    { id: 'v2.14', status: 'EXPERIMENTAL' },
    { id: 'v2.1', status: 'DEPRECATED' },
  ],
}

describe('versions', () => {
  it('asks the endpoint root once (the endpoint may end in /v2) and answers has() from that', async () => {
    const mock = createMockDispatcher(http.get(`${base}/versions`, () => HttpResponse.json(document)))
    const glance = mockClient(mock)
    expect(await Promise.all(['v2.16', 'v2.15', 'v2.14', 'v2.1', 'v2.17', 'v2'].map((v) => glance.versions.has(v)))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ])
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/versions`])
  })

  it('takes a 300 Multiple Choices answer as the document', async () => {
    const mock = createMockDispatcher(http.get(`${base}/versions`, () => HttpResponse.json(document, { status: 300 })))
    expect(await mockClient(mock).versions.has('v2.16')).toBe(true)
  })

  it('does not keep a failed fetch: the next call asks again', async () => {
    let calls = 0
    const mock = createMockDispatcher(
      http.get(`${base}/versions`, () => (++calls === 1 ? new HttpResponse('down', { status: 500 }) : HttpResponse.json(document))),
    )
    const glance = mockClient(mock)
    await expect(glance.versions.list()).rejects.toThrow('HTTP down')
    expect((await glance.versions.list()).map((v) => v.id)).toContain('v2.16')
    expect(calls).toBe(2)
  })
})
