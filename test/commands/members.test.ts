/** Image sharing: member-create, -list, -get, -update, -delete. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, json, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE_ID, MEMBER, MEMBER_RECORD, schemaHandlers } from './support/fixtures.js'

const h = useHarness('members')

/** glance member-create / member-list of MEMBER_RECORD, as glance 4.1.0 printed it. */
const MEMBER_TABLE = `+--------------------------------------+----------------------------------+---------+
| Image ID                             | Member ID                        | Status  |
+--------------------------------------+----------------------------------+---------+
| 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 | 0123456789abcdef0123456789abcdef | pending |
+--------------------------------------+----------------------------------+---------+
`

const memberUrl = `${GLANCE}/v2/images/${IMAGE_ID}/members/${MEMBER}`

describe('member-create', () => {
  it("POSTs the member and prints glance's member table", async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/images/${IMAGE_ID}/members`, () => ok(MEMBER_RECORD)))
    const r = await h.run(['member-create', IMAGE_ID, MEMBER])
    expect(r.requests.filter((q) => q.method === 'POST').map(json)).toEqual([{ member: MEMBER }])
    expect(r.stdout).toBe(MEMBER_TABLE)
    expect(r.code).toBe(0)
  })

  it('an empty id is refused before any request', async () => {
    const r = await h.run(['member-create', IMAGE_ID, ''])
    expect([r.stderr, r.code]).toEqual(['Unable to create member. Specify image_id and member_id\n', 1])
    expect(r.allRequests).toEqual([])
  })

  it("a member already there: Glance's 409", async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/images/${IMAGE_ID}/members`, () => glanceError(409, 'Conflict', `Member ${MEMBER} already exists.`)))
    const r = await h.run(['member-create', IMAGE_ID, MEMBER])
    expect([r.stderr, r.code]).toEqual([`HTTP 409 Conflict: Member ${MEMBER} already exists.\n`, 1])
  })
})

describe('member-list', () => {
  it('lists the members of --image-id', async () => {
    h.use(...schemaHandlers(), http.get(`${GLANCE}/v2/images/${IMAGE_ID}/members`, () => ok({ members: [MEMBER_RECORD], schema: '/v2/schemas/members' })))
    const r = await h.run(['member-list', '--image-id', IMAGE_ID])
    expect(r.requests.map(line)).toContain(`GET /v2/images/${IMAGE_ID}/members`)
    expect(r.stdout).toBe(MEMBER_TABLE)
  })

  it('--image-id is required', async () => {
    const r = await h.run(['member-list'])
    expect([r.stderr, r.code]).toEqual(["glance member-list: error: the following arguments are required: --image-id\nSee 'glance help member-list'.\n", 2])
  })
})

describe('member-get', () => {
  it('prints the member record as glance does', async () => {
    h.use(http.get(memberUrl, () => ok(MEMBER_RECORD)))
    const r = await h.run(['member-get', IMAGE_ID, MEMBER])
    expect(r.requests.map(line)).toEqual([`GET /v2/images/${IMAGE_ID}/members/${MEMBER}`])
    expect(r.stdout).toBe(`+------------+--------------------------------------+
| Property   | Value                                |
+------------+--------------------------------------+
| created_at | 2026-12-08T00:29:13Z                 |
| image_id   | 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 |
| member_id  | 0123456789abcdef0123456789abcdef     |
| schema     | /v2/schemas/member                   |
| status     | pending                              |
| updated_at | 2026-12-08T00:29:13Z                 |
+------------+--------------------------------------+
`)
  })

  it('a member that is not there: 404', async () => {
    h.use(http.get(memberUrl, () => glanceError(404, 'Not Found', `${MEMBER} not found`)))
    const r = await h.run(['member-get', IMAGE_ID, MEMBER])
    expect([r.stderr, r.code]).toEqual([`HTTP 404 Not Found: ${MEMBER} not found\n`, 1])
  })
})

describe('member-update', () => {
  it('PUTs the new status and prints the member table', async () => {
    h.use(...schemaHandlers(), http.put(memberUrl, () => ok({ ...MEMBER_RECORD, status: 'accepted' })))
    const r = await h.run(['member-update', IMAGE_ID, MEMBER, 'accepted'])
    expect(r.requests.filter((q) => q.method === 'PUT').map(json)).toEqual([{ status: 'accepted' }])
    expect(r.stdout).toBe(`+--------------------------------------+----------------------------------+----------+
| Image ID                             | Member ID                        | Status   |
+--------------------------------------+----------------------------------+----------+
| 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 | 0123456789abcdef0123456789abcdef | accepted |
+--------------------------------------+----------------------------------+----------+
`)
  })

  it("a status that is not one of argparse's choices: exit 2", async () => {
    const r = await h.run(['member-update', IMAGE_ID, MEMBER, 'maybe'])
    expect(r.stderr).toBe(
      "glance member-update: error: argument <MEMBER_STATUS>: invalid choice: 'maybe' (choose from 'accepted', 'rejected', 'pending')\nSee 'glance help member-update'.\n",
    )
    expect(r.code).toBe(2)
    expect(r.allRequests).toEqual([])
  })
})

describe('member-delete', () => {
  it('DELETEs the member and prints nothing', async () => {
    h.use(http.delete(memberUrl, () => new HttpResponse(null, { status: 204 })))
    const r = await h.run(['member-delete', IMAGE_ID, MEMBER])
    expect(r.requests.map(line)).toEqual([`DELETE /v2/images/${IMAGE_ID}/members/${MEMBER}`])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('403 from Glance', async () => {
    h.use(http.delete(memberUrl, () => glanceError(403, 'Forbidden', 'You are not permitted to modify the members of this image.')))
    const r = await h.run(['member-delete', IMAGE_ID, MEMBER])
    expect([r.stderr, r.code]).toEqual(['HTTP 403 Forbidden: You are not permitted to modify the members of this image.\n', 1])
  })
})
