import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { keystoneTokenResponse } from '../../support/keystone-token.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000/v3'
const glance = 'http://glance.test:9292'

const handlers = [
  http.post(`${keystone}/auth/tokens`, () =>
    keystoneTokenResponse(glance, 'tok'),
  ),
  http.get(`${glance}/v2/images/i1`, () => HttpResponse.json({ id: 'i1' })),
  http.delete(`${glance}/v2/images/i1`, () => new HttpResponse(null, { status: 204 })),
]

const auth = { authUrl: keystone, username: 'u', password: 'p', userDomainName: 'Default', projectName: 'p', projectDomainName: 'Default' }

describe('acceptLanguage', () => {
  it('is sent with every Glance request, and not to Keystone', async () => {
    const mock = createMockDispatcher(...handlers)
    const client = new GlanceClient({ dispatcher: mock.dispatcher, auth, acceptLanguage: 'de, en;q=0.5' })
    await client.images.get('i1')
    await client.images.delete('i1')
    expect(mock.requests.map((r) => [r.method, r.url, r.headers['accept-language']])).toEqual([
      ['POST', `${keystone}/auth/tokens`, undefined],
      ['GET', `${glance}/v2/images/i1`, 'de, en;q=0.5'],
      ['DELETE', `${glance}/v2/images/i1`, 'de, en;q=0.5'],
    ])
  })

  it('is not sent unless given', async () => {
    const mock = createMockDispatcher(...handlers)
    await new GlanceClient({ dispatcher: mock.dispatcher, auth }).images.get('i1')
    expect(mock.requests.every((r) => !('accept-language' in r.headers))).toBe(true)
  })
})
