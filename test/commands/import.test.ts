/** The interoperable import: image-stage, image-import, image-create-via-import. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, json, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE, IMAGE_ID, QUEUED_IMAGE, schemaHandlers } from './support/fixtures.js'

const h = useHarness('import')

const IMPORT_INFO = { 'import-methods': { description: 'Import methods available.', type: 'array', value: ['glance-direct', 'web-download', 'copy-image'] } }

/** Glance taking an import (202) and recording what it was asked. */
function acceptImports(): unknown[] {
  const bodies: unknown[] = []
  h.use(
    http.get(`${GLANCE}/v2/info/import`, () => ok(IMPORT_INFO)),
    http.post(`${GLANCE}/v2/images/${IMAGE_ID}/import`, async ({ request }) => {
      bodies.push(await request.json())
      return new HttpResponse(null, { status: 202 })
    }),
  )
  return bodies
}

/** Glance taking staged data, keeping it. */
function acceptStaging(): Buffer[] {
  const staged: Buffer[] = []
  h.use(
    http.put(`${GLANCE}/v2/images/${IMAGE_ID}/stage`, async ({ request }) => {
      staged.push(Buffer.from(await request.arrayBuffer()))
      return new HttpResponse(null, { status: 204 })
    }),
  )
  return staged
}

describe('image-stage', () => {
  it('PUTs stdin to the staging area and prints nothing', async () => {
    const staged = acceptStaging()
    const r = await h.run(['image-stage', IMAGE_ID], { stdin: 'staged bytes' })
    expect(r.requests.map(line)).toEqual([`PUT /v2/images/${IMAGE_ID}/stage`])
    expect(r.requests[0].headers['content-type']).toBe('application/octet-stream')
    expect(staged.map(String)).toEqual(['staged bytes'])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('no data: refused before any request', async () => {
    const r = await h.run(['image-stage', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual(['No image data: use --file <FILE> or pipe the data on stdin.\n', 1])
    expect(r.allRequests).toEqual([])
  })
})

describe('image-import', () => {
  it('web-download of a queued image: checks it, asks for the import, prints the image', async () => {
    const bodies = acceptImports()
    h.use(http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok({ ...QUEUED_IMAGE, disk_format: 'qcow2', container_format: 'bare' })))
    const r = await h.run(['image-import', IMAGE_ID, '--import-method', 'web-download', '--uri', 'http://example.test/cirros.img'])
    expect(r.requests.map(line)).toEqual(['GET /v2/info/import', `GET /v2/images/${IMAGE_ID}`, `POST /v2/images/${IMAGE_ID}/import`, `GET /v2/images/${IMAGE_ID}`])
    expect(bodies).toEqual([{ method: { name: 'web-download', uri: 'http://example.test/cirros.img' } }])
    expect(r.stdout).toContain('| status           | queued                               |\n')
    expect([r.stderr, r.code]).toEqual(['', 0])
  })

  it('copy-image to --stores: the stores are checked and sent', async () => {
    const bodies = acceptImports()
    h.use(
      http.get(`${GLANCE}/v2/info/stores`, () => ok({ stores: [{ id: 'fast', default: 'true' }, { id: 'cheap' }] })),
      http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok(IMAGE)),
    )
    const r = await h.run(['image-import', IMAGE_ID, '--import-method', 'copy-image', '--stores', 'cheap'])
    expect(bodies).toEqual([{ method: { name: 'copy-image' }, stores: ['cheap'], all_stores_must_succeed: false }])
    expect(r.code).toBe(0)
  })

  it('web-download without --uri: glance\'s refusal, nothing imported', async () => {
    const bodies = acceptImports()
    const r = await h.run(['image-import', IMAGE_ID, '--import-method', 'web-download'])
    expect([r.stderr, r.code]).toEqual(['Provide URI for web-download import method.\n', 1])
    expect(bodies).toEqual([])
  })

  it('a method the cloud does not offer', async () => {
    acceptImports()
    const r = await h.run(['image-import', IMAGE_ID, '--import-method', 'glance-download', '--remote-region', 'R', '--remote-image-id', 'x'])
    expect(r.stderr).toBe("Import method 'glance-download' is not valid for this cloud. Valid values can be retrieved with import-info command.\n")
    expect(r.code).toBe(1)
  })
})

describe('image-create-via-import', () => {
  it('data on stdin: creates the image, stages the data, imports it with glance-direct', async () => {
    const bodies = acceptImports()
    const staged = acceptStaging()
    h.use(
      ...schemaHandlers(),
      http.post(`${GLANCE}/v2/images`, () => ok(QUEUED_IMAGE, 201)),
      http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok({ ...QUEUED_IMAGE, status: 'importing', disk_format: 'raw', container_format: 'bare' })),
    )
    const r = await h.run(['image-create-via-import', '--name', 'new', '--disk-format', 'raw', '--container-format', 'bare'], { stdin: 'raw bytes' })
    expect(r.requests.map(line)).toEqual([
      'GET /v2/schemas/image',
      'GET /v2/info/import',
      'POST /v2/images',
      `PUT /v2/images/${IMAGE_ID}/stage`,
      `POST /v2/images/${IMAGE_ID}/import`,
      `GET /v2/images/${IMAGE_ID}`,
    ])
    expect(json(r.requests[2])).toEqual({ name: 'new', disk_format: 'raw', container_format: 'bare' })
    expect(staged.map(String)).toEqual(['raw bytes'])
    expect(bodies).toEqual([{ method: { name: 'glance-direct' } }])
    expect(r.stdout).toContain('| status           | importing                            |\n')
    expect(r.code).toBe(0)
  })

  it('no method and no data: only the record, as image-create does', async () => {
    h.use(...schemaHandlers(), http.get(`${GLANCE}/v2/info/import`, () => ok(IMPORT_INFO)), http.post(`${GLANCE}/v2/images`, () => ok(QUEUED_IMAGE, 201)), http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok(QUEUED_IMAGE)))
    const r = await h.run(['image-create-via-import', '--name', 'new'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image', 'GET /v2/info/import', 'POST /v2/images', `GET /v2/images/${IMAGE_ID}`])
    expect(r.stdout).toContain('| status           | queued                               |\n')
  })

  it('copy-image cannot create an image', async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['image-create-via-import', '--name', 'new', '--import-method', 'copy-image'])
    expect([r.stderr, r.code]).toEqual(["Import method 'copy-image' cannot be used while creating the image.\n", 1])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image'])
  })

  it('--wait with nothing to import is a usage error', async () => {
    const r = await h.run(['image-create-via-import', '--name', 'new', '--wait'])
    expect([r.stderr, r.code]).toEqual(['glance image-create-via-import: --wait needs an import to wait for: give --file, data on stdin or --import-method.\n', 2])
  })
})
