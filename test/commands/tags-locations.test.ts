/** image-tag-update, image-tag-delete, location-add, location-delete, location-update. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, json, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE, IMAGE_ID } from './support/fixtures.js'

const h = useHarness('tags-locations')

const URL_1 = IMAGE.locations[0].url
const URL_2 = 'http://example.test/second.img'

/** Glance's image at first, and the image read back after a change. */
function imageThenChanged(changed: object) {
  let patched = false
  h.use(
    http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok(patched ? { ...IMAGE, ...changed } : IMAGE)),
    http.patch(`${GLANCE}/v2/images/${IMAGE_ID}`, () => {
      patched = true
      return ok({ ...IMAGE, ...changed })
    }),
  )
}

describe('image-tag-update', () => {
  it('PUTs the tag and prints the ID and Tags table', async () => {
    h.use(
      http.put(`${GLANCE}/v2/images/${IMAGE_ID}/tags/:tag`, () => new HttpResponse(null, { status: 204 })),
      http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok({ ...IMAGE, tags: ['b', 'a', 'new tag'] })),
    )
    const r = await h.run(['image-tag-update', IMAGE_ID, 'new tag'])
    expect(r.requests.map(line)).toEqual([`PUT /v2/images/${IMAGE_ID}/tags/new%20tag`, `GET /v2/images/${IMAGE_ID}`])
    expect(r.stdout).toBe(`+--------------------------------------+-----------------------+
| ID                                   | Tags                  |
+--------------------------------------+-----------------------+
| 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 | ['b', 'a', 'new tag'] |
+--------------------------------------+-----------------------+
`)
  })

  it('an empty tag is refused before any request', async () => {
    const r = await h.run(['image-tag-update', IMAGE_ID, ''])
    expect([r.stderr, r.code]).toEqual(['Unable to update tag. Specify image_id and tag_value\n', 1])
    expect(r.allRequests).toEqual([])
  })
})

describe('image-tag-delete', () => {
  it('DELETEs the tag and prints nothing', async () => {
    h.use(http.delete(`${GLANCE}/v2/images/${IMAGE_ID}/tags/a`, () => new HttpResponse(null, { status: 204 })))
    const r = await h.run(['image-tag-delete', IMAGE_ID, 'a'])
    expect(r.requests.map(line)).toEqual([`DELETE /v2/images/${IMAGE_ID}/tags/a`])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('a tag the image lacks: 404', async () => {
    h.use(http.delete(`${GLANCE}/v2/images/${IMAGE_ID}/tags/zz`, () => glanceError(404, 'Not Found', 'Tag zz not found')))
    const r = await h.run(['image-tag-delete', IMAGE_ID, 'zz'])
    expect([r.stderr, r.code]).toEqual(['HTTP 404 Not Found: Tag zz not found\n', 1])
  })
})

describe('location-add', () => {
  it('PATCHes an add to /locations/- and prints the image read back', async () => {
    const second = { url: URL_2, metadata: { store: 'web' } }
    imageThenChanged({ locations: [...IMAGE.locations, second] })
    const r = await h.run(['location-add', IMAGE_ID, '--url', URL_2, '--metadata', '{"store": "web"}', '--checksum', 'abc'])
    expect(r.requests.map(line)).toEqual([`PATCH /v2/images/${IMAGE_ID}`, `GET /v2/images/${IMAGE_ID}`])
    expect(r.requests[0].headers['content-type']).toBe('application/openstack-images-v2.1-json-patch')
    expect(json(r.requests[0])).toEqual([{ op: 'add', path: '/locations/-', value: { url: URL_2, metadata: { store: 'web' }, validation_data: { checksum: 'abc' } } }])
    // glanceclient's images.get shows every key but `self` (file and schema included).
    expect(r.stdout).toContain(`| file             | /v2/images/${IMAGE_ID}/file                             |
| id               | ${IMAGE_ID}                                             |
| locations        | [{"url": "file:///tmp/tsglance-                                                  |
|                  | stack/images/fast/${IMAGE_ID}", "metadata": {"store":   |
|                  | "fast"}}, {"url": "http://example.test/second.img", "metadata": {"store":        |
|                  | "web"}}]                                                                         |
`)
    expect(r.stdout).not.toContain('| self ')
    expect(r.code).toBe(0)
  })

  it('metadata that is not JSON is refused before any request', async () => {
    const r = await h.run(['location-add', IMAGE_ID, '--url', URL_2, '--metadata', '{store'])
    expect([r.stderr, r.code]).toEqual(['Metadata is not a valid JSON object.\n', 1])
    expect(r.allRequests).toEqual([])
  })
})

describe('location-delete', () => {
  it('removes the location by its index', async () => {
    imageThenChanged({ locations: [] })
    const r = await h.run(['location-delete', IMAGE_ID, '--url', URL_1])
    expect(r.requests.map(line)).toEqual([`GET /v2/images/${IMAGE_ID}`, `PATCH /v2/images/${IMAGE_ID}`])
    expect(json(r.requests[1])).toEqual([{ op: 'remove', path: '/locations/0' }])
    expect([r.stdout, r.code]).toEqual(['', 0])
  })

  it("a URL the image does not have: glance's Unknown URL(s), nothing removed", async () => {
    imageThenChanged({})
    const r = await h.run(['location-delete', IMAGE_ID, '--url', URL_2])
    expect([r.stderr, r.code]).toEqual(["HTTP Unknown URL(s): ['http://example.test/second.img']\n", 1])
    expect(r.requests.map(line)).toEqual([`GET /v2/images/${IMAGE_ID}`])
  })
})

describe('location-update', () => {
  it('replaces the locations with the new metadata', async () => {
    const updated = [{ url: URL_1, metadata: { store: 'cheap' } }]
    imageThenChanged({ locations: updated })
    const r = await h.run(['location-update', IMAGE_ID, '--url', URL_1, '--metadata', '{"store": "cheap"}'])
    expect(r.requests.map(line)).toEqual([`GET /v2/images/${IMAGE_ID}`, `PATCH /v2/images/${IMAGE_ID}`, `GET /v2/images/${IMAGE_ID}`])
    expect(json(r.requests[1])).toEqual([{ op: 'replace', path: '/locations', value: updated }])
    expect(r.stdout).toContain('"metadata": {"store":')
    expect(r.code).toBe(0)
  })

  it('empty metadata: glance\'s warning on stdout first', async () => {
    imageThenChanged({ locations: [{ url: URL_1, metadata: {} }] })
    const r = await h.run(['location-update', IMAGE_ID, '--url', URL_1, '--metadata', '{}'])
    expect(r.stdout.startsWith("WARNING -- The location's metadata will be updated to an empty JSON object.\n+")).toBe(true)
  })

  it('a URL the image does not have', async () => {
    imageThenChanged({})
    const r = await h.run(['location-update', IMAGE_ID, '--url', URL_2, '--metadata', '{"a": 1}'])
    expect([r.stderr, r.code]).toEqual([`HTTP Unknown URL: ${URL_2}, the URL must be one of existing locations of current image\n`, 1])
  })
})
