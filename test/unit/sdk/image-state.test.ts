import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { HTTPForbidden } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE as base, mockClient, requestLine } from '../../support/mock-client.js'

describe('images.deactivate / images.reactivate', () => {
  it('POST the action with no body', async () => {
    const mock = createMockDispatcher(http.post(`${base}/v2/images/:id/actions/:action`, () => new HttpResponse(null, { status: 204 })))
    const glance = mockClient(mock)
    await glance.images.deactivate('img-1')
    await glance.images.reactivate('img-1')
    expect(mock.requests.map(requestLine)).toEqual([
      `POST ${base}/v2/images/img-1/actions/deactivate`,
      `POST ${base}/v2/images/img-1/actions/reactivate`,
    ])
    expect(mock.requests.every((r) => r.body.length === 0 && r.headers['x-auth-token'] === 'tok')).toBe(true)
  })

  it("a refusal keeps Glance's text (HTML-escaped as the server sends it)", async () => {
    const mock = createMockDispatcher(
      http.post(
        `${base}/v2/images/:id/actions/deactivate`,
        () =>
          new HttpResponse('<html><body><h1>403 Forbidden</h1>\nNot allowed to deactivate image in status &#x27;queued&#x27;<br /><br />\n</body></html>', {
            status: 403,
            headers: { 'content-type': 'text/html; charset=UTF-8' },
          }),
      ),
    )
    const failure = mockClient(mock).images.deactivate('img-1')
    await expect(failure).rejects.toBeInstanceOf(HTTPForbidden)
    await expect(failure).rejects.toThrow("HTTP 403 Forbidden: Not allowed to deactivate image in status &#x27;queued&#x27;")
  })
})
