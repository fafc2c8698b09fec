import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

describe('usage', () => {
  it('GET /v2/info/usage returns the quotas in the server order', async () => {
    const usage = { image_size_total: { usage: 0, limit: 100000 }, image_count_total: { usage: 2, limit: -1 } }
    const mock = createMockDispatcher(http.get(`${base}/v2/info/usage`, () => HttpResponse.json({ usage })))
    const result = await mockClient(mock).usage.get()
    expect(Object.keys(result)).toEqual(['image_size_total', 'image_count_total'])
    expect(result).toEqual(usage)
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/v2/info/usage`])
    expect(mock.requests[0].headers['x-auth-token']).toBe('tok')
  })
})
