/** image-create, -show, -list, -update, -delete, -deactivate, -reactivate, and the base command's failure paths. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, KEYSTONE, glanceError, json, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE, IMAGE_ID, QUEUED_IMAGE, schemaHandlers } from './support/fixtures.js'

const h = useHarness('images')

/** glance image-show of IMAGE, as glance 4.1.0 printed it. */
const IMAGE_TABLE = `+------------------+----------------------------------------------------------------------------------+
| Property         | Value                                                                            |
+------------------+----------------------------------------------------------------------------------+
| checksum         | 37871c38786692e3721942a78a643565                                                 |
| color            | red                                                                              |
| container_format | bare                                                                             |
| created_at       | 2026-12-08T00:28:55Z                                                             |
| direct_url       | file:///tmp/tsglance-stack/images/fast/5b84278d-6c26-4e39-b4bf-6b250d69d5a1      |
| disk_format      | qcow2                                                                            |
| id               | 5b84278d-6c26-4e39-b4bf-6b250d69d5a1                                             |
| locations        | [{"url": "file:///tmp/tsglance-                                                  |
|                  | stack/images/fast/5b84278d-6c26-4e39-b4bf-6b250d69d5a1", "metadata": {"store":   |
|                  | "fast"}}]                                                                        |
| min_disk         | 0                                                                                |
| min_ram          | 0                                                                                |
| name             | harness-fixture                                                                  |
| os_hash_algo     | sha512                                                                           |
| os_hash_value    | 0412f06fc7b657034a4e2addaed7fee22ca83f115fa8ab802d4878441d9fc46919200e84557debe3 |
|                  | a3fe81718f50e4ace61dea09e558ebf70ac3c7a8653801bb                                 |
| os_hidden        | False                                                                            |
| owner            | f1cc10bef9d1495ea9fac32941d48f75                                                 |
| protected        | False                                                                            |
| size             | 4219                                                                             |
| status           | active                                                                           |
| stores           | fast                                                                             |
| tags             | ["b", "a"]                                                                       |
| updated_at       | 2026-12-08T00:28:57Z                                                             |
| virtual_size     | Not available                                                                    |
| visibility       | shared                                                                           |
+------------------+----------------------------------------------------------------------------------+
`

const image = (answer: () => Response = () => ok(IMAGE)) => http.get(`${GLANCE}/v2/images/${IMAGE_ID}`, answer)

describe('image-show', () => {
  it('prints the image as glance does', async () => {
    h.use(image())
    const r = await h.run(['image-show', IMAGE_ID])
    expect(r.requests.map(line)).toEqual([`GET /v2/images/${IMAGE_ID}`])
    expect(r.requests[0].headers['x-auth-token']).toBe('harness-token')
    expect(r.stdout).toBe(IMAGE_TABLE)
    expect([r.stderr, r.code]).toEqual(['', 0])
  })

  it('--human-readable and --max-column-width', async () => {
    h.use(image())
    const r = await h.run(['image-show', '--human-readable', '--max-column-width', '40', IMAGE_ID])
    expect(r.stdout).toContain('| size             | 4.1kB                                    |\n')
    expect(r.stdout).toContain('| os_hash_value    | 0412f06fc7b657034a4e2addaed7fee22ca83f11 |\n')
  })
})

describe('image-list', () => {
  it('asks for the first page sorted by name and prints ID and Name', async () => {
    h.use(http.get(`${GLANCE}/v2/images`, () => ok({ images: [IMAGE], schema: '/v2/schemas/images' })))
    const r = await h.run(['image-list', '--property-filter', 'name=harness-fixture'])
    expect(r.requests.map(line)).toEqual(['GET /v2/images?name=harness-fixture&limit=1000&sort_key=name&sort_dir=asc'])
    expect(r.stdout).toBe(`+--------------------------------------+-----------------+
| ID                                   | Name            |
+--------------------------------------+-----------------+
| 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 | harness-fixture |
+--------------------------------------+-----------------+
`)
  })

  it('follows the next links, with --verbose columns', async () => {
    h.use(
      http.get(`${GLANCE}/v2/images`, ({ request }) =>
        new URL(request.url).searchParams.has('marker')
          ? ok({ images: [{ ...IMAGE, id: 'second', name: 'z' }] })
          : ok({ images: [IMAGE], next: `/v2/images?marker=${IMAGE_ID}&limit=1` }),
      ),
    )
    const r = await h.run(['--verbose', 'image-list', '--page-size', '1', '--tag', 'a', '--visibility', 'shared'])
    expect(r.requests.map(line)).toEqual([
      'GET /v2/images?visibility=shared&limit=1&tag=a&sort_key=name&sort_dir=asc',
      `GET /v2/images?marker=${IMAGE_ID}&limit=1`,
    ])
    expect(r.stdout).toBe(
      [
        '+--------------------------------------+-----------------+-------------+------------------+------+--------+----------------------------------+',
        '| ID                                   | Name            | Disk_format | Container_format | Size | Status | Owner                            |',
        '+--------------------------------------+-----------------+-------------+------------------+------+--------+----------------------------------+',
        '| 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 | harness-fixture | qcow2       | bare             | 4219 | active | f1cc10bef9d1495ea9fac32941d48f75 |',
        '| second                               | z               | qcow2       | bare             | 4219 | active | f1cc10bef9d1495ea9fac32941d48f75 |',
        '+--------------------------------------+-----------------+-------------+------------------+------+--------+----------------------------------+',
        '',
      ].join('\n'),
    )
  })

  it('a --property-filter without = is refused before any request', async () => {
    const r = await h.run(['image-list', '--property-filter', 'name'])
    expect(r.allRequests).toEqual([])
    expect([r.stderr, r.code]).toEqual(['Argument --property-filter expected properties in the format KEY=VALUE\n', 1])
  })

  it("the SDK's own checks (ValidationError), before any request: glanceclient's HTTP lines", async () => {
    const direction = await h.run(['image-list', '--sort', 'name:up'])
    expect([direction.stderr, direction.code]).toEqual(['HTTP Invalid sort direction: up. It must be one of the following: asc, desc.\n', 1])
    const both = await h.run(['image-list', '--sort', 'name', '--sort-key', 'name'])
    expect([both.stderr, both.code]).toEqual(["HTTP The 'sort' argument is not supported with 'sort_key' or 'sort_dir'.\n", 1])
    expect([...direction.requests, ...both.requests]).toEqual([])
  })

  it('-f json prints the images as JSON', async () => {
    h.use(http.get(`${GLANCE}/v2/images`, () => ok({ images: [IMAGE] })))
    const r = await h.run(['image-list', '-f', 'json'])
    expect(JSON.parse(r.stdout)).toEqual([IMAGE])
  })
})

describe('image-create', () => {
  it('without data: checks the schema, POSTs the fields, prints the new image', async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/images`, () => ok(QUEUED_IMAGE, 201)))
    const r = await h.run(['image-create', '--name', 'new', '--property', 'color=red', '--tags', 'a', 'b', '--min-ram', '64'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image', 'POST /v2/images'])
    expect(json(r.requests[1])).toEqual({ name: 'new', color: 'red', tags: ['a', 'b'], min_ram: 64 })
    // glance's print_image: nulls as None, no virtual size as 'Not available', links left out.
    expect(r.stdout).toBe(`+------------------+--------------------------------------+
| Property         | Value                                |
+------------------+--------------------------------------+
| checksum         | None                                 |
| container_format | None                                 |
| created_at       | 2026-12-08T00:28:55Z                 |
| disk_format      | None                                 |
| id               | 5b84278d-6c26-4e39-b4bf-6b250d69d5a1 |
| min_disk         | 0                                    |
| min_ram          | 0                                    |
| name             | new                                  |
| os_hash_algo     | None                                 |
| os_hash_value    | None                                 |
| os_hidden        | False                                |
| owner            | f1cc10bef9d1495ea9fac32941d48f75     |
| protected        | False                                |
| size             | None                                 |
| status           | queued                               |
| tags             | []                                   |
| updated_at       | 2026-12-08T00:28:55Z                 |
| virtual_size     | Not available                        |
| visibility       | shared                               |
+------------------+--------------------------------------+
`)
    expect(r.code).toBe(0)
  })

  it('with data on stdin: uploads it and prints the image as it is after the upload', async () => {
    let uploaded = Buffer.alloc(0)
    h.use(
      ...schemaHandlers(),
      http.post(`${GLANCE}/v2/images`, () => ok(QUEUED_IMAGE, 201)),
      http.put(`${GLANCE}/v2/images/${IMAGE_ID}/file`, async ({ request }) => {
        uploaded = Buffer.from(await request.arrayBuffer())
        return new HttpResponse(null, { status: 204 })
      }),
      image(),
    )
    const r = await h.run(['image-create', '--name', 'harness-fixture', '--disk-format', 'qcow2', '--container-format', 'bare'], { stdin: 'image bytes' })
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image', 'POST /v2/images', `PUT /v2/images/${IMAGE_ID}/file`, `GET /v2/images/${IMAGE_ID}`])
    expect(r.requests[2].headers['content-type']).toBe('application/octet-stream')
    expect(uploaded.toString()).toBe('image bytes')
    expect(r.stdout).toBe(IMAGE_TABLE)
  })

  it('data without formats is refused before any request', async () => {
    const r = await h.run(['image-create', '--name', 'x'], { stdin: 'bytes' })
    expect(r.allRequests).toEqual([])
    expect([r.stderr, r.code]).toEqual(['error: Must provide --container-format, --disk-format when using stdin.\n', 1])
  })

  it('a value the schema refuses: no image is created', async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['image-create', '--name', 'x', '--visibility', 'everyone'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("Unable to set 'visibility' to 'everyone'. Reason: 'everyone' is not one of ['community', 'public', 'private', 'shared']\n")
  })
})

describe('image-update', () => {
  it('sends a JSON patch of the changes', async () => {
    h.use(...schemaHandlers(), image(), http.patch(`${GLANCE}/v2/images/${IMAGE_ID}`, () => ok({ ...IMAGE, name: 'renamed' })))
    const r = await h.run(['image-update', IMAGE_ID, '--name', 'renamed', '--remove-property', 'color'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/image', `GET /v2/images/${IMAGE_ID}`, `PATCH /v2/images/${IMAGE_ID}`])
    expect(r.requests[2].headers['content-type']).toBe('application/openstack-images-v2.1-json-patch')
    expect(json(r.requests[2])).toEqual([
      { op: 'replace', path: '/name', value: 'renamed' },
      { op: 'remove', path: '/color' },
      // glanceclient's patch always restates the tags (its model compares them as a list).
      { op: 'replace', path: '/tags', value: ['b', 'a'] },
    ])
    expect(r.stdout).toContain('| name             | renamed                                 ')
  })
})

describe('image-delete', () => {
  it('deletes every id given', async () => {
    h.use(http.delete(`${GLANCE}/v2/images/:id`, () => new HttpResponse(null, { status: 204 })))
    const r = await h.run(['image-delete', 'a1', 'b2'])
    expect(r.requests.map(line)).toEqual(['DELETE /v2/images/a1', 'DELETE /v2/images/b2'])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
  })

  it('reports each failure in glance words, goes on, and exits 1', async () => {
    h.use(
      http.delete(`${GLANCE}/v2/images/gone`, () => glanceError(404, 'Not Found', 'No image found with ID gone')),
      http.delete(`${GLANCE}/v2/images/mine`, () => glanceError(403, 'Forbidden', 'Forbidden')),
      http.delete(`${GLANCE}/v2/images/used`, () => glanceError(409, 'Conflict', 'Image is in use')),
      http.delete(`${GLANCE}/v2/images/ok`, () => new HttpResponse(null, { status: 204 })),
    )
    const r = await h.run(['image-delete', 'gone', 'mine', 'used', 'ok'])
    expect(r.requests).toHaveLength(4)
    expect(r.stderr).toBe(
      "No image with an ID of 'gone' exists.\nYou are not permitted to delete the image 'mine'.\nUnable to delete image 'used' because it is in use.\n",
    )
    expect(r.code).toBe(1)
  })
})

describe('image-deactivate / image-reactivate', () => {
  for (const [command, action] of [['image-deactivate', 'deactivate'], ['image-reactivate', 'reactivate']]) {
    it(`${command} POSTs the ${action} action and prints nothing`, async () => {
      h.use(http.post(`${GLANCE}/v2/images/${IMAGE_ID}/actions/${action}`, () => new HttpResponse(null, { status: 204 })))
      const r = await h.run([command, IMAGE_ID])
      expect(r.requests.map(line)).toEqual([`POST /v2/images/${IMAGE_ID}/actions/${action}`])
      expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
    })
  }

  it('image-deactivate of an image Glance refuses: its 403 in glance words', async () => {
    h.use(http.post(`${GLANCE}/v2/images/${IMAGE_ID}/actions/deactivate`, () => glanceError(403, 'Forbidden', 'Not allowed to deactivate image in status &#x27;queued&#x27;')))
    const r = await h.run(['image-deactivate', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual(['HTTP 403 Forbidden: Not allowed to deactivate image in status &#x27;queued&#x27;\n', 1])
  })
})

describe('failures of any command (GlanceCommand.catch)', () => {
  it('HTTP 404: the status and Glance explanation, exit 1', async () => {
    h.use(image(() => glanceError(404, 'Not Found', `No image found with ID ${IMAGE_ID}`)))
    const r = await h.run(['image-show', IMAGE_ID])
    expect([r.stdout, r.stderr, r.code]).toEqual(['', `HTTP 404 Not Found: No image found with ID ${IMAGE_ID}\n`, 1])
  })

  it('HTTP 409 and 500 the same way', async () => {
    h.use(image(() => glanceError(409, 'Conflict', 'Image is locked')))
    expect(await h.run(['image-show', IMAGE_ID])).toMatchObject({ stderr: 'HTTP 409 Conflict: Image is locked\n', code: 1 })
    h.use(image(() => glanceError(500, 'Internal Server Error', 'The server has either erred or is incapable of performing the requested operation.')))
    const r = await h.run(['--retries', '0', 'image-show', IMAGE_ID])
    expect(r.stderr).toBe('HTTP 500 Internal Server Error: The server has either erred or is incapable of performing the requested operation.\n')
    expect(r.code).toBe(1)
  })

  it('a 401 from Glance: glance\'s "Invalid OpenStack Identity credentials."', async () => {
    h.use(image(() => glanceError(401, 'Unauthorized', 'This server could not verify that you are authorized to access the document you requested.')))
    const r = await h.run(['image-show', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual(['Invalid OpenStack Identity credentials.\n', 1])
  })

  it('no password: glance\'s message, and no request is sent', async () => {
    const r = await h.run(['image-show', IMAGE_ID], { env: { OS_PASSWORD: undefined } })
    expect(r.allRequests).toEqual([])
    expect([r.stderr, r.code]).toEqual(['You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\n', 1])
  })

  it('a usage error: argparse\'s wording and exit 2', async () => {
    const missing = await h.run(['image-show'])
    expect([missing.stderr, missing.code]).toEqual(["glance image-show: error: the following arguments are required: <IMAGE_ID>\nSee 'glance help image-show'.\n", 2])
    const unknown = await h.run(['image-show', IMAGE_ID, '--bogus'])
    expect([unknown.stderr, unknown.code]).toEqual(["glance image-show: error: Nonexistent flag: --bogus\nSee 'glance help image-show'.\n", 2])
    expect([...missing.allRequests, ...unknown.allRequests]).toEqual([])
  })

  it('an unknown subcommand: argparse\'s invalid choice, exit 2', async () => {
    const r = await h.run(['image-shw', IMAGE_ID])
    expect(r.stderr).toMatch(/^glance: error: argument <subcommand>: invalid choice: 'image-shw' \(choose from 'cache-clear', .*'bash_completion'\)\n$/)
    expect(r.code).toBe(2)
  })

  it("an unreachable Glance: glanceclient's one line, exit 1", async () => {
    h.use(image(() => HttpResponse.error()))
    const r = await h.run(['--retries', '0', 'image-show', IMAGE_ID])
    expect([r.stdout, r.code]).toEqual(['', 1])
    expect(r.stderr).toBe(`Error finding address for ${GLANCE}/v2/images/${IMAGE_ID}: connect ECONNREFUSED glance.test:9292\n`)
  })

  it("an unreachable Keystone: keystoneauth's one line, exit 1, Glance never asked", async () => {
    h.use(http.post(`${KEYSTONE}/auth/tokens`, () => HttpResponse.error()))
    const r = await h.run(['--retries', '0', 'image-show', IMAGE_ID])
    expect([r.stdout, r.code, r.requests]).toEqual(['', 1, []])
    expect(r.stderr).toBe(`Unable to establish connection to ${KEYSTONE}/auth/tokens: connect ECONNREFUSED keystone.test:5000\n`)
  })
})
