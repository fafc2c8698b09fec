/** import-info, stores-info, stores-delete and usage, against the stack's real answers and glance's tables. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE_ID } from './support/fixtures.js'

const h = useHarness('info-usage-stores')

const STORES = {
  stores: [
    { id: 'fast', description: 'Fast file store (default)', default: 'true' },
    { id: 'cheap', description: 'Cheap file store' },
    { id: 'web', description: 'Read-only HTTP store', 'read-only': 'true' },
  ],
}

describe('import-info', () => {
  it("prints the import methods as glance does", async () => {
    h.use(http.get(`${GLANCE}/v2/info/import`, () => ok({ 'import-methods': { description: 'Import methods available.', type: 'array', value: ['glance-direct', 'web-download', 'copy-image'] } })))
    const r = await h.run(['import-info'])
    expect(r.requests.map(line)).toEqual(['GET /v2/info/import'])
    expect(r.stdout).toBe(`+----------------+----------------------------------------------------------------------------------+
| Property       | Value                                                                            |
+----------------+----------------------------------------------------------------------------------+
| import-methods | {"description": "Import methods available.", "type": "array", "value": ["glance- |
|                | direct", "web-download", "copy-image"]}                                          |
+----------------+----------------------------------------------------------------------------------+
`)
  })

  it("a Glance without the import API: glance's sentence", async () => {
    h.use(http.get(`${GLANCE}/v2/info/import`, () => glanceError(404, 'Not Found', 'The resource could not be found.')))
    const r = await h.run(['import-info'])
    expect([r.stderr, r.code]).toEqual(['Target Glance does not support Image Import workflow\n', 1])
  })
})

describe('stores-info', () => {
  it('prints the stores as glance does', async () => {
    h.use(http.get(`${GLANCE}/v2/info/stores`, () => ok(STORES)))
    const r = await h.run(['stores-info'])
    expect(r.requests.map(line)).toEqual(['GET /v2/info/stores'])
    expect(r.stdout).toBe(`+----------+----------------------------------------------------------------------------------+
| Property | Value                                                                            |
+----------+----------------------------------------------------------------------------------+
| stores   | [{"id": "fast", "description": "Fast file store (default)", "default": "true"},  |
|          | {"id": "cheap", "description": "Cheap file store"}, {"id": "web", "description": |
|          | "Read-only HTTP store", "read-only": "true"}]                                    |
+----------+----------------------------------------------------------------------------------+
`)
  })

  it('--detail asks for the detailed listing', async () => {
    h.use(http.get(`${GLANCE}/v2/info/stores/detail`, () => ok({ stores: [{ id: 'fast', default: 'true', type: 'file', properties: { datadir: '/x' } }] })))
    const r = await h.run(['stores-info', '--detail'])
    expect(r.requests.map(line)).toEqual(['GET /v2/info/stores/detail'])
    expect(r.stdout).toContain(`| stores   | [{"id": "fast", "default": "true", "type": "file", "properties": {"datadir":     |
|          | "/x"}}]                                                                          |
`)
  })

  it('no multi-store support: glance\'s sentence', async () => {
    h.use(http.get(`${GLANCE}/v2/info/stores`, () => glanceError(404, 'Not Found', 'The resource could not be found.')))
    const r = await h.run(['stores-info'])
    expect([r.stderr, r.code]).toEqual(['Multi Backend support is not enabled\n', 1])
  })
})

describe('stores-delete', () => {
  it('DELETEs the image from the store', async () => {
    h.use(http.delete(`${GLANCE}/v2/stores/cheap/${IMAGE_ID}`, () => new HttpResponse(null, { status: 204 })))
    const r = await h.run(['stores-delete', IMAGE_ID, '--store', 'cheap'])
    expect(r.requests.map(line)).toEqual([`DELETE /v2/stores/cheap/${IMAGE_ID}`])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('a refusal other than 404: glance\'s sentence around it', async () => {
    h.use(http.delete(`${GLANCE}/v2/stores/web/${IMAGE_ID}`, () => glanceError(409, 'Conflict', 'Store web is read only')))
    const r = await h.run(['stores-delete', IMAGE_ID, '--store', 'web'])
    expect([r.stderr, r.code]).toEqual([`Unable to delete image '${IMAGE_ID}' from store 'web'. (HTTP 409 Conflict: Store web is read only)\n`, 1])
  })

  it('--store is required', async () => {
    const r = await h.run(['stores-delete', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual(["glance stores-delete: error: the following arguments are required: --store\nSee 'glance help stores-delete'.\n", 2])
  })
})

describe('usage', () => {
  it('prints the quotas as glance does', async () => {
    h.use(
      http.get(`${GLANCE}/v2/info/usage`, () =>
        ok({
          usage: {
            image_size_total: { usage: 0, limit: 200000 },
            image_stage_total: { usage: 0, limit: 200000 },
            image_count_total: { usage: 1, limit: 5000 },
            image_count_uploading: { usage: 0, limit: 500 },
          },
        }),
      ),
    )
    const r = await h.run(['usage'])
    expect(r.requests.map(line)).toEqual(['GET /v2/info/usage'])
    expect(r.stdout).toBe(`+-----------------------+--------+-------+
| Quota                 | Limit  | Usage |
+-----------------------+--------+-------+
| image_size_total      | 200000 | 0     |
| image_stage_total     | 200000 | 0     |
| image_count_total     | 5000   | 1     |
| image_count_uploading | 500    | 0     |
+-----------------------+--------+-------+
`)
  })
})
