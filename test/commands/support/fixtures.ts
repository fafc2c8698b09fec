/**
 * Server answers shared by the command tests: records as Glance 2.16 of the
 * test stack returned them (ids and dates fixed), its published schemas,
 * and msw handlers serving those schemas.
 */
import { readFileSync } from 'node:fs'
import { http } from 'msw'
import { GLANCE, ok } from '../../support/command-harness.js'

const schemaFile = (name: string): unknown => JSON.parse(readFileSync(new URL(`./schemas/${name}.json`, import.meta.url), 'utf8'))
const metadefSchemas = JSON.parse(readFileSync(new URL('../../unit/cli/metadef-schemas.json', import.meta.url), 'utf8')) as Record<string, unknown>

export const IMAGE_ID = '5b84278d-6c26-4e39-b4bf-6b250d69d5a1'
export const OWNER = 'f1cc10bef9d1495ea9fac32941d48f75'
export const MEMBER = '0123456789abcdef0123456789abcdef'

/** An active image with data, a custom property and two tags. */
export const IMAGE = {
  color: 'red',
  name: 'harness-fixture',
  disk_format: 'qcow2',
  container_format: 'bare',
  visibility: 'shared',
  size: 4219,
  virtual_size: null,
  status: 'active',
  checksum: '37871c38786692e3721942a78a643565',
  protected: false,
  min_ram: 0,
  min_disk: 0,
  owner: OWNER,
  os_hidden: false,
  os_hash_algo: 'sha512',
  os_hash_value: '0412f06fc7b657034a4e2addaed7fee22ca83f115fa8ab802d4878441d9fc46919200e84557debe3a3fe81718f50e4ace61dea09e558ebf70ac3c7a8653801bb',
  id: IMAGE_ID,
  created_at: '2026-12-08T00:28:55Z',
  updated_at: '2026-12-08T00:28:57Z',
  locations: [{ url: `file:///tmp/tsglance-stack/images/fast/${IMAGE_ID}`, metadata: { store: 'fast' } }],
  direct_url: `file:///tmp/tsglance-stack/images/fast/${IMAGE_ID}`,
  tags: ['b', 'a'],
  self: `/v2/images/${IMAGE_ID}`,
  file: `/v2/images/${IMAGE_ID}/file`,
  schema: '/v2/schemas/image',
  stores: 'fast',
}

/** A new image without data, as POST /v2/images answers. */
export const QUEUED_IMAGE = {
  name: 'new',
  disk_format: null,
  container_format: null,
  visibility: 'shared',
  size: null,
  virtual_size: null,
  status: 'queued',
  checksum: null,
  protected: false,
  min_ram: 0,
  min_disk: 0,
  owner: OWNER,
  os_hidden: false,
  os_hash_algo: null,
  os_hash_value: null,
  id: IMAGE_ID,
  created_at: '2026-12-08T00:28:55Z',
  updated_at: '2026-12-08T00:28:55Z',
  tags: [],
  self: `/v2/images/${IMAGE_ID}`,
  file: `/v2/images/${IMAGE_ID}/file`,
  schema: '/v2/schemas/image',
}

export const MEMBER_RECORD = {
  member_id: MEMBER,
  image_id: IMAGE_ID,
  status: 'pending',
  created_at: '2026-12-08T00:29:13Z',
  updated_at: '2026-12-08T00:29:13Z',
  schema: '/v2/schemas/member',
}

/** GET /v2/schemas/{image,member,task} and the metadef schemas, as the stack publishes them. */
export const schemaHandlers = () => [
  ...['image', 'member', 'task'].map((name) => http.get(`${GLANCE}/v2/schemas/${name}`, () => ok(schemaFile(name)))),
  http.get(`${GLANCE}/v2/schemas/metadefs/:kind`, ({ params }) => ok(metadefSchemas[`metadefs/${String(params.kind)}`])),
]

/** GET /versions of a Glance serving API 2.0 to 2.16 (the newest CURRENT). */
export const versionsHandler = () =>
  http.get(`${GLANCE}/versions`, () =>
    ok({
      versions: Array.from({ length: 17 }, (_, minor) => ({
        id: `v2.${16 - minor}`,
        status: minor === 0 ? 'CURRENT' : 'SUPPORTED',
        links: [{ rel: 'self', href: `${GLANCE}/v2/` }],
      })),
    }),
  )

export const TASK_ID = 'a2b4c6d8-0000-4000-8000-00000000beef'

/** A finished import task as GET /v2/tasks/{id} returns it. */
export const TASK = {
  id: TASK_ID,
  type: 'import',
  status: 'success',
  owner: OWNER,
  expires_at: '2026-12-10T00:30:00Z',
  created_at: '2026-12-08T00:30:00Z',
  updated_at: '2026-12-08T00:30:05Z',
  input: { import_from: 'http://example.test/cirros.img', import_from_format: 'qcow2', image_properties: { name: 'imported' } },
  result: { image_id: IMAGE_ID },
  message: '',
  self: `/v2/tasks/${TASK_ID}`,
  schema: '/v2/schemas/task',
}
