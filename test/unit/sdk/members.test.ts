import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPConflict, HTTPNotFound } from '../../../src/sdk/errors.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const clientFor = (mock: ReturnType<typeof createMockDispatcher>) =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' } })

function member(memberId: string, status = 'pending') {
  return { image_id: 'img', member_id: memberId, status, created_at: 't0', updated_at: 't1', schema: '/v2/schemas/member' }
}

const requestLine = (r: { method: string; url: string }) => `${r.method} ${r.url}`

describe('members', () => {
  it('lists every member of an image in one request', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/img/members`, () => HttpResponse.json({ members: [member('p1'), member('p2', 'accepted')], schema: '/v2/schemas/members' })),
    )
    const members = await clientFor(mock).members.list('img')
    expect(members.map((m) => [m.member_id, m.status])).toEqual([
      ['p1', 'pending'],
      ['p2', 'accepted'],
    ])
    expect(mock.requests.map(requestLine)).toEqual([`GET ${base}/v2/images/img/members`])
    expect(mock.requests[0].headers['x-auth-token']).toBe('tok')
  })

  it('gets one member', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/images/img/members/p1`, () => HttpResponse.json(member('p1'))))
    expect(await clientFor(mock).members.get('img', 'p1')).toEqual(member('p1'))
  })

  it('creates with {"member": id} and updates with {"status": s}', async () => {
    const mock = createMockDispatcher(
      http.post(`${base}/v2/images/img/members`, async ({ request }) => {
        const body = (await request.json()) as { member: string }
        return HttpResponse.json(member(body.member))
      }),
      http.put(`${base}/v2/images/img/members/p1`, async ({ request }) => {
        const body = (await request.json()) as { status: string }
        return HttpResponse.json(member('p1', body.status))
      }),
    )
    const glance = clientFor(mock)
    expect((await glance.members.create('img', 'p1')).status).toBe('pending')
    expect((await glance.members.update('img', 'p1', 'rejected')).status).toBe('rejected')
    expect(mock.requests.map((r) => [requestLine(r), r.headers['content-type'], JSON.parse(r.body.toString())])).toEqual([
      [`POST ${base}/v2/images/img/members`, 'application/json', { member: 'p1' }],
      [`PUT ${base}/v2/images/img/members/p1`, 'application/json', { status: 'rejected' }],
    ])
  })

  it('deletes (204) and escapes ids in the path', async () => {
    const mock = createMockDispatcher(http.delete(`${base}/v2/images/a%2Fb/members/p%201`, () => new HttpResponse(null, { status: 204 })))
    await clientFor(mock).members.delete('a/b', 'p 1')
    expect(mock.requests.map(requestLine)).toEqual([`DELETE ${base}/v2/images/a%2Fb/members/p%201`])
  })

  it("raises Glance's refusals as typed errors with its text", async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/img/members/nobody`, () =>
        HttpResponse.json({ message: 'nobody not found in the member list of the image img.' }, { status: 404 }),
      ),
      http.post(`${base}/v2/images/img/members`, () => new HttpResponse('409 Conflict\n\nMember p1 is duplicated for image img\n\n', { status: 409 })),
    )
    const glance = clientFor(mock)
    await expect(glance.members.get('img', 'nobody')).rejects.toBeInstanceOf(HTTPNotFound)
    await expect(glance.members.create('img', 'p1')).rejects.toBeInstanceOf(HTTPConflict)
  })
})
