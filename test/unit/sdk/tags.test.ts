import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HTTPNotFound } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

const noContent = () => new HttpResponse(null, { status: 204 })

describe('images.tags', () => {
  it('add: PUT /v2/images/{id}/tags/{tag} with the token and no body', async () => {
    const mock = createMockDispatcher(http.put(`${base}/v2/images/:id/tags/:tag`, noContent))
    await mockClient(mock).images.tags.add('img-1', 'prod')
    expect(mock.requests.map(requestLine)).toEqual([`PUT ${base}/v2/images/img-1/tags/prod`])
    expect(mock.requests[0].headers['x-auth-token']).toBe('tok')
    expect(mock.requests[0].body.length).toBe(0)
  })

  it('delete: DELETE /v2/images/{id}/tags/{tag}', async () => {
    const mock = createMockDispatcher(http.delete(`${base}/v2/images/:id/tags/:tag`, noContent))
    await mockClient(mock).images.tags.delete('img-1', 'prod')
    expect(mock.requests.map(requestLine)).toEqual([`DELETE ${base}/v2/images/img-1/tags/prod`])
  })

  it('percent-encodes the tag, so ?, #, % and spaces arrive as typed', async () => {
    const seen: string[] = []
    const mock = createMockDispatcher(
      http.put(`${base}/v2/images/:id/tags/:tag`, ({ params }) => {
        seen.push(String(params.tag))
        return noContent()
      }),
    )
    for (const tag of ['a b', 'what?', 'h#x', '100%']) await mockClient(mock).images.tags.add('img-1', tag)
    expect(mock.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/v2/images/img-1/tags/a%20b',
      '/v2/images/img-1/tags/what%3F',
      '/v2/images/img-1/tags/h%23x',
      '/v2/images/img-1/tags/100%25',
    ])
    expect(seen).toEqual(['a b', 'what?', 'h#x', '100%'])
  })

  it("a missing tag or image is Glance's 404, typed", async () => {
    const mock = createMockDispatcher(
      http.delete(`${base}/v2/images/:id/tags/:tag`, () => HttpResponse.json({ error: { message: 'The resource could not be found.' } }, { status: 404 })),
    )
    const failure = mockClient(mock).images.tags.delete('img-1', 'nope')
    await expect(failure).rejects.toBeInstanceOf(HTTPNotFound)
    await expect(failure).rejects.toThrow('HTTP The resource could not be found.')
  })
})
