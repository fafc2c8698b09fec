/**
 * The metadata definitions catalog: the 30 md-* subcommands. Records and
 * tables are those of a namespace made with glance on the test stack
 * (glance md-namespace-create / md-property-create / md-object-create /
 * md-tag-create, then the show and list commands).
 */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, json, line, ok, useHarness } from '../support/command-harness.js'
import { OWNER, schemaHandlers } from './support/fixtures.js'

const h = useHarness('metadefs')

const NS = 'harness-ns-25192'
const NS_PATH = `/v2/metadefs/namespaces/${NS}`
const at = (path: string) => `${GLANCE}${NS_PATH}${path}`

const NAMESPACE = {
  namespace: NS,
  display_name: 'Harness NS',
  description: 'A namespace',
  visibility: 'private',
  protected: false,
  owner: OWNER,
  created_at: '2026-12-08T00:29:52Z',
  updated_at: '2026-12-08T00:29:52Z',
  self: NS_PATH,
  schema: '/v2/schemas/metadefs/namespace',
}
const PROPERTY = { name: 'prop1', type: 'string', title: 'Prop One', enum: ['a', 'b'] }
const OBJECT = {
  name: 'obj1',
  required: ['p'],
  description: 'An object',
  properties: { p: { type: 'integer', title: 'P' } },
  created_at: '2026-12-08T00:30:02Z',
  updated_at: '2026-12-08T00:30:02Z',
  self: `${NS_PATH}/objects/obj1`,
  schema: '/v2/schemas/metadefs/object',
}
const TAG = { name: 't1', created_at: '2026-12-08T00:30:07Z', updated_at: '2026-12-08T00:30:07Z' }
const FULL_NAMESPACE = { ...NAMESPACE, properties: { prop1: PROPERTY }, objects: [OBJECT], tags: [{ name: 't1' }] }

const NAMESPACE_TABLE = `+--------------+----------------------------------+
| Property     | Value                            |
+--------------+----------------------------------+
| created_at   | 2026-12-08T00:29:52Z             |
| description  | A namespace                      |
| display_name | Harness NS                       |
| namespace    | harness-ns-25192                 |
| owner        | f1cc10bef9d1495ea9fac32941d48f75 |
| protected    | False                            |
| schema       | /v2/schemas/metadefs/namespace   |
| updated_at   | 2026-12-08T00:29:52Z             |
| visibility   | private                          |
+--------------+----------------------------------+
`
const PROPERTY_TABLE = `+----------+------------+
| Property | Value      |
+----------+------------+
| enum     | ["a", "b"] |
| name     | prop1      |
| title    | Prop One   |
| type     | string     |
+----------+------------+
`
const OBJECT_TABLE = `+-------------+-----------------------------+
| Property    | Value                       |
+-------------+-----------------------------+
| created_at  | 2026-12-08T00:30:02Z        |
| description | An object                   |
| name        | obj1                        |
| properties  | ["p"]                       |
| required    | ["p"]                       |
| schema      | /v2/schemas/metadefs/object |
| updated_at  | 2026-12-08T00:30:02Z        |
+-------------+-----------------------------+
`
const TAG_TABLE = `+------------+----------------------+
| Property   | Value                |
+------------+----------------------+
| created_at | 2026-12-08T00:30:07Z |
| name       | t1                   |
| updated_at | 2026-12-08T00:30:07Z |
+------------+----------------------+
`

const noContent = () => new HttpResponse(null, { status: 204 })

/**
 * A definition Glance serves at `path` and replaces with what is PUT there;
 * afterwards it is served under its new name too (a rename), as updates read it back.
 */
function editable(path: string, record: object) {
  let current = record
  h.use(
    http.get(at(path).replace(/[^/]*$/, ':name'), () => ok(current)),
    http.put(at(path), async ({ request }) => {
      current = { ...record, ...((await request.json()) as object) }
      return ok(current)
    }),
  )
}

const puts = (r: { requests: { method: string }[] }) => r.requests.filter((q) => q.method === 'PUT').map((q) => json(q as never))

describe('namespaces', () => {
  it('md-namespace-create: schema check, POST, the namespace table', async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/metadefs/namespaces`, () => ok(NAMESPACE, 201)))
    const r = await h.run(['md-namespace-create', NS, '--display-name', 'Harness NS', '--description', 'A namespace'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/namespace', 'POST /v2/metadefs/namespaces'])
    expect(json(r.requests[1])).toEqual({ namespace: NS, display_name: 'Harness NS', description: 'A namespace' })
    expect(r.stdout).toBe(NAMESPACE_TABLE)
  })

  it('md-namespace-create: a value the schema refuses, nothing created', async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['md-namespace-create', NS, '--visibility', 'everyone'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/namespace'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^'everyone' is not one of \['public', 'private'\]/)
  })

  it('md-namespace-show: names of properties, objects and tags', async () => {
    h.use(http.get(at(''), () => ok(FULL_NAMESPACE)))
    const r = await h.run(['md-namespace-show', NS])
    expect(r.requests.map(line)).toEqual([`GET ${NS_PATH}`])
    expect(r.stdout).toBe(`+--------------+----------------------------------+
| Property     | Value                            |
+--------------+----------------------------------+
| created_at   | 2026-12-08T00:29:52Z             |
| description  | A namespace                      |
| display_name | Harness NS                       |
| namespace    | harness-ns-25192                 |
| objects      | ["obj1"]                         |
| owner        | f1cc10bef9d1495ea9fac32941d48f75 |
| properties   | ["prop1"]                        |
| protected    | False                            |
| schema       | /v2/schemas/metadefs/namespace   |
| tags         | ["t1"]                           |
| updated_at   | 2026-12-08T00:29:52Z             |
| visibility   | private                          |
+--------------+----------------------------------+
`)
  })

  it('md-namespace-show --resource-type: asked of Glance', async () => {
    h.use(http.get(at(''), () => ok(NAMESPACE)))
    const r = await h.run(['md-namespace-show', NS, '--resource-type', 'OS::Glance::Image'])
    expect(r.requests.map(line)).toEqual([`GET ${NS_PATH}?resource_type=OS%3A%3AGlance%3A%3AImage`])
  })

  it('md-namespace-show of a namespace that is not there: 404', async () => {
    h.use(http.get(at(''), () => glanceError(404, 'Not Found', `Metadata definition namespace=${NS} was not found.`)))
    const r = await h.run(['md-namespace-show', NS])
    expect([r.stderr, r.code]).toEqual([`HTTP 404 Not Found: Metadata definition namespace=${NS} was not found.\n`, 1])
  })

  it('md-namespace-list: filters and the namespace column', async () => {
    h.use(http.get(`${GLANCE}/v2/metadefs/namespaces`, () => ok({ namespaces: [NAMESPACE], schema: '/v2/schemas/metadefs/namespaces' })))
    const r = await h.run(['md-namespace-list', '--resource-types', 'OS::Glance::Image', '--visibility', 'private'])
    expect(r.requests.map(line)).toEqual(['GET /v2/metadefs/namespaces?resource_types=OS%3A%3AGlance%3A%3AImage&visibility=private&limit=20'])
    expect(r.stdout).toBe(`+------------------+
| namespace        |
+------------------+
| harness-ns-25192 |
+------------------+
`)
  })

  it('md-namespace-update: the record read, changed, PUT back whole and read again', async () => {
    h.use(...schemaHandlers())
    editable('', FULL_NAMESPACE)
    const r = await h.run(['md-namespace-update', NS, '--description', 'Changed'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/namespace', `GET ${NS_PATH}`, `PUT ${NS_PATH}`, `GET ${NS_PATH}`])
    // As glanceclient: the record as read, changed, without its read-only fields.
    const { schema: _schema, created_at: _created, updated_at: _updated, self: _self, ...writable } = FULL_NAMESPACE
    expect(puts(r)).toEqual([{ ...writable, description: 'Changed' }])
    expect(r.stdout).toContain('| description  | Changed                          |\n')
  })

  it('md-namespace-import: a namespace document on stdin', async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/metadefs/namespaces`, () => ok(NAMESPACE, 201)))
    const document = { namespace: NS, display_name: 'Harness NS', description: 'A namespace', properties: { prop1: PROPERTY } }
    const r = await h.run(['md-namespace-import'], { stdin: `\uFEFF${JSON.stringify(document)}` })
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/namespace', 'POST /v2/metadefs/namespaces'])
    expect(json(r.requests[1])).toEqual(document)
    expect(r.stdout).toBe(NAMESPACE_TABLE)
  })

  it('md-namespace-import with nothing to import', async () => {
    const r = await h.run(['md-namespace-import'])
    expect([r.stderr, r.code]).toEqual(['No metadata definition namespace passed via stdin or --file argument.\n', 1])
    expect(r.allRequests).toEqual([])
  })

  for (const [command, path] of [
    ['md-namespace-delete', ''],
    ['md-namespace-objects-delete', '/objects'],
    ['md-namespace-properties-delete', '/properties'],
    ['md-namespace-tags-delete', '/tags'],
  ]) {
    it(`${command}: DELETE ${NS_PATH}${path}, prints nothing`, async () => {
      h.use(http.delete(at(path), noContent))
      const r = await h.run([command, NS])
      expect(r.requests.map(line)).toEqual([`DELETE ${NS_PATH}${path}`])
      expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0])
    })
  }

  it('md-namespace-delete of a protected namespace: 403', async () => {
    h.use(http.delete(at(''), () => glanceError(403, 'Forbidden', `Namespace ${NS} is protected and cannot be deleted.`)))
    const r = await h.run(['md-namespace-delete', NS])
    expect([r.stderr, r.code]).toEqual([`HTTP 403 Forbidden: Namespace ${NS} is protected and cannot be deleted.\n`, 1])
  })
})

describe('resource types', () => {
  const association = { name: 'OS::Glance::Image', prefix: 'hw_', properties_target: 'image', created_at: '2026-12-08T00:31:00Z', updated_at: '2026-12-08T00:31:00Z' }

  it('md-resource-type-list', async () => {
    h.use(http.get(`${GLANCE}/v2/metadefs/resource_types`, () => ok({ resource_types: [{ name: 'OS::Glance::Image', created_at: 'x', updated_at: 'y' }, { name: 'OS::Nova::Flavor' }] })))
    const r = await h.run(['md-resource-type-list'])
    expect(r.requests.map(line)).toEqual(['GET /v2/metadefs/resource_types'])
    expect(r.stdout).toBe(`+-------------------+
| name              |
+-------------------+
| OS::Glance::Image |
| OS::Nova::Flavor  |
+-------------------+
`)
  })

  it('md-namespace-resource-type-list', async () => {
    h.use(http.get(at('/resource_types'), () => ok({ resource_type_associations: [association] })))
    const r = await h.run(['md-namespace-resource-type-list', NS])
    expect(r.stdout).toBe(`+-------------------+--------+-------------------+
| name              | prefix | properties_target |
+-------------------+--------+-------------------+
| OS::Glance::Image | hw_    | image             |
+-------------------+--------+-------------------+
`)
  })

  it('md-resource-type-associate: schema check, POST, the association', async () => {
    h.use(...schemaHandlers(), http.post(at('/resource_types'), () => ok(association, 201)))
    const r = await h.run(['md-resource-type-associate', NS, '--name', 'OS::Glance::Image', '--prefix', 'hw_', '--properties-target', 'image'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/resource_type', `POST ${NS_PATH}/resource_types`])
    expect(json(r.requests[1])).toEqual({ name: 'OS::Glance::Image', prefix: 'hw_', properties_target: 'image' })
    expect(r.stdout).toContain('| name              | OS::Glance::Image    |\n')
  })

  it('md-resource-type-associate without --name: the schema says so, nothing sent', async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['md-resource-type-associate', NS])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/resource_type'])
    expect([r.stderr, r.code]).toEqual(["'name' is a required property\n", 1])
  })

  it('md-resource-type-deassociate', async () => {
    h.use(http.delete(at('/resource_types/:type'), noContent))
    const r = await h.run(['md-resource-type-deassociate', NS, 'OS::Glance::Image'])
    expect(r.requests.map(line)).toEqual([`DELETE ${NS_PATH}/resource_types/OS%3A%3AGlance%3A%3AImage`])
    expect(r.code).toBe(0)
  })
})

describe('properties', () => {
  it('md-property-create: --schema fields with --name and --title', async () => {
    h.use(...schemaHandlers(), http.post(at('/properties'), () => ok(PROPERTY, 201)))
    const r = await h.run(['md-property-create', NS, '--name', 'prop1', '--title', 'Prop One', '--schema', '{"type": "string", "enum": ["a","b"]}'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/property', `POST ${NS_PATH}/properties`])
    expect(json(r.requests[1])).toEqual(PROPERTY)
    expect(r.stdout).toBe(PROPERTY_TABLE)
  })

  it('md-property-create with a --schema that is not JSON', async () => {
    const r = await h.run(['md-property-create', NS, '--name', 'p', '--title', 'P', '--schema', '{type'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('Schema is not a valid JSON object.\n')
    expect(r.allRequests).toEqual([])
  })

  it('md-property-show', async () => {
    h.use(http.get(at('/properties/prop1'), () => ok(PROPERTY)))
    const r = await h.run(['md-property-show', NS, 'prop1'])
    expect(r.requests.map(line)).toEqual([`GET ${NS_PATH}/properties/prop1`])
    expect(r.stdout).toBe(PROPERTY_TABLE)
  })

  it('md-property-list', async () => {
    h.use(http.get(at('/properties'), () => ok({ properties: { prop1: PROPERTY } })))
    const r = await h.run(['md-property-list', NS])
    expect(r.stdout).toBe(`+-------+----------+--------+
| name  | title    | type   |
+-------+----------+--------+
| prop1 | Prop One | string |
+-------+----------+--------+
`)
  })

  it('md-property-update: read, changed, PUT back, read again', async () => {
    h.use(...schemaHandlers())
    editable('/properties/prop1', PROPERTY)
    const r = await h.run(['md-property-update', NS, 'prop1', '--title', 'Renamed'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/property', `GET ${NS_PATH}/properties/prop1`, `PUT ${NS_PATH}/properties/prop1`, `GET ${NS_PATH}/properties/prop1`])
    expect(puts(r)).toEqual([{ ...PROPERTY, title: 'Renamed' }])
    expect(r.stdout).toContain('| title    | Renamed    |\n')
  })

  it('md-property-delete', async () => {
    h.use(http.delete(at('/properties/prop1'), noContent))
    const r = await h.run(['md-property-delete', NS, 'prop1'])
    expect(r.requests.map(line)).toEqual([`DELETE ${NS_PATH}/properties/prop1`])
    expect(r.code).toBe(0)
  })
})

describe('objects', () => {
  it('md-object-create', async () => {
    h.use(...schemaHandlers(), http.post(at('/objects'), () => ok(OBJECT, 201)))
    const schema = { description: 'An object', properties: { p: { type: 'integer', title: 'P' } }, required: ['p'] }
    const r = await h.run(['md-object-create', NS, '--name', 'obj1', '--schema', JSON.stringify(schema)])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/object', `POST ${NS_PATH}/objects`])
    expect(json(r.requests[1])).toEqual({ name: 'obj1', ...schema })
    expect(r.stdout).toBe(OBJECT_TABLE)
  })

  it('md-object-show', async () => {
    h.use(http.get(at('/objects/obj1'), () => ok(OBJECT)))
    const r = await h.run(['md-object-show', NS, 'obj1'])
    expect(r.stdout).toBe(OBJECT_TABLE)
  })

  it('md-object-property-show', async () => {
    h.use(http.get(at('/objects/obj1'), () => ok(OBJECT)))
    const r = await h.run(['md-object-property-show', NS, 'obj1', 'p'])
    expect(r.requests.map(line)).toEqual([`GET ${NS_PATH}/objects/obj1`])
    expect(r.stdout).toBe(`+----------+---------+
| Property | Value   |
+----------+---------+
| name     | p       |
| title    | P       |
| type     | integer |
+----------+---------+
`)
  })

  it('md-object-property-show of a property the object lacks', async () => {
    h.use(http.get(at('/objects/obj1'), () => ok(OBJECT)))
    const r = await h.run(['md-object-property-show', NS, 'obj1', 'q'])
    expect([r.stderr, r.code]).toEqual(['Property q not found in object obj1.\n', 1])
  })

  it('md-object-list', async () => {
    h.use(http.get(at('/objects'), () => ok({ objects: [OBJECT], schema: 'v2/schemas/metadefs/objects' })))
    const r = await h.run(['md-object-list', NS])
    expect(r.stdout).toBe(`+------+-------------+
| name | description |
+------+-------------+
| obj1 | An object   |
+------+-------------+
`)
  })

  it('md-object-update: read, changed, PUT back without the read-only fields, read under its new name', async () => {
    h.use(...schemaHandlers())
    editable('/objects/obj1', OBJECT)
    const r = await h.run(['md-object-update', NS, 'obj1', '--name', 'obj2'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/object', `GET ${NS_PATH}/objects/obj1`, `PUT ${NS_PATH}/objects/obj1`, `GET ${NS_PATH}/objects/obj2`])
    expect(puts(r)).toEqual([{ name: 'obj2', required: ['p'], description: 'An object', properties: { p: { type: 'integer', title: 'P' } } }])
    expect(r.stdout).toContain('| name        | obj2                        |\n')
  })

  it('md-object-delete', async () => {
    h.use(http.delete(at('/objects/obj1'), noContent))
    const r = await h.run(['md-object-delete', NS, 'obj1'])
    expect(r.requests.map(line)).toEqual([`DELETE ${NS_PATH}/objects/obj1`])
    expect(r.code).toBe(0)
  })
})

describe('tags', () => {
  it('md-tag-create: POST to the tag name', async () => {
    h.use(http.post(at('/tags/t1'), () => ok(TAG, 201)))
    const r = await h.run(['md-tag-create', NS, '--name', 't1'])
    expect(r.requests.map(line)).toEqual([`POST ${NS_PATH}/tags/t1`])
    expect(r.stdout).toBe(TAG_TABLE)
  })

  it('md-tag-create with an empty name: refused before any request', async () => {
    const r = await h.run(['md-tag-create', NS, '--name', ''])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('Please supply at least one non-blank tag name.\n')
    expect(r.allRequests).toEqual([])
  })

  it('md-tag-create-multiple: the names split at --delim, sent at once', async () => {
    h.use(...schemaHandlers(), http.post(at('/tags'), async ({ request }) => ok(await request.json(), 201)))
    const r = await h.run(['md-tag-create-multiple', NS, '--names', 'x;y', '--delim', ';'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/tag', `POST ${NS_PATH}/tags`])
    expect(json(r.requests[1])).toEqual({ tags: [{ name: 'x' }, { name: 'y' }] })
    expect(r.stdout).toBe(`+------+
| name |
+------+
| x    |
| y    |
+------+
`)
  })

  it('md-tag-show', async () => {
    h.use(http.get(at('/tags/t1'), () => ok(TAG)))
    const r = await h.run(['md-tag-show', NS, 't1'])
    expect(r.stdout).toBe(TAG_TABLE)
  })

  it('md-tag-list', async () => {
    h.use(http.get(at('/tags'), () => ok({ tags: [{ name: 't1' }] })))
    const r = await h.run(['md-tag-list', NS])
    expect(r.stdout).toBe(`+------+
| name |
+------+
| t1   |
+------+
`)
  })

  it('md-tag-update: read, renamed, PUT back, read under its new name', async () => {
    h.use(...schemaHandlers())
    editable('/tags/t1', TAG)
    const r = await h.run(['md-tag-update', NS, 't1', '--name', 't2'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/metadefs/tag', `GET ${NS_PATH}/tags/t1`, `PUT ${NS_PATH}/tags/t1`, `GET ${NS_PATH}/tags/t2`])
    expect(puts(r)).toEqual([{ name: 't2' }])
    expect(r.stdout).toContain('| name       | t2                   |\n')
  })

  it('md-tag-delete', async () => {
    h.use(http.delete(at('/tags/t1'), noContent))
    const r = await h.run(['md-tag-delete', NS, 't1'])
    expect(r.requests.map(line)).toEqual([`DELETE ${NS_PATH}/tags/t1`])
    expect([r.stdout, r.code]).toEqual(['', 0])
  })
})
