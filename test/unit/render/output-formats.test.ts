// Every format of every command family: the SDK objects come from msw through
// the mock client, the views from the helpers the commands use, and the
// renderer is the one GlanceCommand.print calls.
import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { parse as parseYaml } from 'yaml'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'
import { GLANCE_BASE, mockClient } from '../../support/mock-client.js'
import { renderView } from '../../../src/cli/render/output-formats.js'
import { type OutputView, printedDict, printedList } from '../../../src/cli/output-view.js'
import { formatImage } from '../../../src/cli/image-output.js'
import { formatMembers } from '../../../src/cli/member-output.js'
import { formatTask } from '../../../src/cli/task-output.js'
import { formatDefinitionList, formatNamespace } from '../../../src/cli/metadef-output.js'
import { cachedImagesView, imageTasksView, usageView } from '../../../src/cli/row-views.js'
import { printCachedImages, printDict, printDictList, printImage, printList } from '../../../src/cli/render/glance-tables.js'
import { CommandFailure } from '../../../src/cli/command-failure.js'

const V2 = `${GLANCE_BASE}/v2`

const image = (id: string, name: string | null, extra: object = {}) => ({
  id,
  name,
  status: 'active',
  size: 12,
  protected: false,
  tags: ['a', 'b"q'],
  visibility: 'private',
  self: `/v2/images/${id}`,
  file: `/v2/images/${id}/file`,
  schema: '/v2/schemas/image',
  ...extra,
})
const IMG1 = image('11111111-1111-1111-1111-111111111111', 'one', { hw_disk_bus: 'scsi' })
const IMG2 = image('22222222-2222-2222-2222-222222222222', null)
const task = (id: string) => ({ id, type: 'import', status: 'success', owner: 'p1', input: { a: 1 }, result: null, message: '', self: `/v2/tasks/${id}`, schema: '/v2/schemas/task' })
const member = (memberId: string) => ({ image_id: IMG1.id, member_id: memberId, status: 'pending', created_at: 't0', updated_at: 't1', schema: '/v2/schemas/member' })
const namespace = { namespace: 'ns1', display_name: 'NS', visibility: 'public', protected: true, objects: [{ name: 'o1', properties: {} }], tags: [{ name: 't1' }], self: '/v2/metadefs/namespaces/ns1', schema: '/v2/schemas/metadefs/namespace' }

// /versions says v2.16, so the cache (v2.14) and image tasks (v2.12) APIs are there.
const VERSIONS = Array.from({ length: 17 }, (_, minor) => ({ id: `v2.${minor}`, status: minor === 16 ? 'CURRENT' : 'SUPPORTED' })).reverse()

const mock = createMockDispatcher(
  http.get(`${GLANCE_BASE}/versions`, () => HttpResponse.json({ versions: VERSIONS })),
  http.get(`${V2}/images`, () => HttpResponse.json({ images: [IMG1, IMG2], schema: '/v2/schemas/images' })),
  http.get(`${V2}/images/${IMG1.id}`, () => HttpResponse.json(IMG1)),
  http.get(`${V2}/images/${IMG1.id}/members`, () => HttpResponse.json({ members: [member('p2'), member('p3')] })),
  http.get(`${V2}/images/${IMG1.id}/tasks`, () => HttpResponse.json({ tasks: [task('t1')] })),
  http.get(`${V2}/tasks`, () => HttpResponse.json({ tasks: [task('t1'), task('t2')], schema: '/v2/schemas/tasks' })),
  http.get(`${V2}/tasks/t1`, () => HttpResponse.json(task('t1'))),
  http.get(`${V2}/metadefs/namespaces`, () => HttpResponse.json({ namespaces: [namespace], schema: '/v2/schemas/metadefs/namespaces' })),
  http.get(`${V2}/metadefs/namespaces/ns1`, () => HttpResponse.json(namespace)),
  http.get(`${V2}/metadefs/namespaces/ns1/tags`, () => HttpResponse.json({ tags: [{ name: 't1' }, { name: 't2' }] })),
  http.get(`${V2}/cache`, () =>
    HttpResponse.json({ cached_images: [{ image_id: IMG1.id, last_accessed: 0, last_modified: 1700000000.5, size: 12, hits: 3 }], queued_images: [IMG2.id] }),
  ),
  http.get(`${V2}/info/stores`, () => HttpResponse.json({ stores: [{ id: 'fast', default: true }, { id: 'slow' }] })),
  http.get(`${V2}/info/import`, () => HttpResponse.json({ 'import-methods': { description: 'methods', type: 'array', value: ['glance-direct'] } })),
  http.get(`${V2}/info/usage`, () => HttpResponse.json({ usage: { image_count_total: { limit: 10, usage: 2 }, image_size_total: { limit: -1, usage: 24 } } })),
)
const glance = mockClient(mock)

const render = (view: OutputView, format: 'table' | 'json' | 'yaml' | 'value' | 'csv', columns: string[] = []) => renderView(view, { format, columns })
const lines = (text: string) => text.split('\n').slice(0, -1)

interface Family {
  name: string
  view: () => Promise<OutputView>
  /** What glance prints for the same objects. */
  glanceTable: () => Promise<string>
  /** The SDK objects json/yaml must equal. */
  objects: () => Promise<unknown>
  /** Expected `value` lines and csv header for the default columns. */
  value: string[]
  csvHeader: string
}

const families: Family[] = [
  {
    name: 'image-list',
    view: async () => printedList(await glance.images.list().toArray(), ['ID', 'Name']),
    glanceTable: async () => printList(await glance.images.list().toArray(), ['ID', 'Name']),
    objects: () => glance.images.list().toArray(),
    value: [`${IMG1.id} one`, `${IMG2.id} None`],
    csvHeader: '"ID","Name"',
  },
  {
    name: 'image-show',
    view: async () => formatImage(await glance.images.get(IMG1.id)),
    glanceTable: async () => printImage(await glance.images.get(IMG1.id)),
    objects: () => glance.images.get(IMG1.id),
    // The table's keys, sorted, without links.
    value: ['scsi', IMG1.id, 'one', 'False', '12', 'active', '["a", "b\\"q"]', 'private'],
    csvHeader: '"hw_disk_bus","id","name","protected","size","status","tags","visibility"',
  },
  {
    name: 'member-list',
    view: async () => formatMembers(await glance.members.list(IMG1.id)),
    glanceTable: async () => printList(await glance.members.list(IMG1.id), ['Image ID', 'Member ID', 'Status']),
    objects: () => glance.members.list(IMG1.id),
    value: [`${IMG1.id} p2 pending`, `${IMG1.id} p3 pending`],
    csvHeader: '"Image ID","Member ID","Status"',
  },
  {
    name: 'task-list',
    view: async () => printedList(await glance.tasks.list().toArray(), ['ID', 'Type', 'Status', 'Owner']),
    glanceTable: async () => printList(await glance.tasks.list().toArray(), ['ID', 'Type', 'Status', 'Owner']),
    objects: () => glance.tasks.list().toArray(),
    value: ['t1 import success p1', 't2 import success p1'],
    csvHeader: '"ID","Type","Status","Owner"',
  },
  {
    name: 'task-show',
    view: async () => formatTask(await glance.tasks.get('t1')),
    glanceTable: async () => printDict(await glance.tasks.get('t1').then(({ self: _s, schema: _c, ...shown }) => shown)),
    objects: () => glance.tasks.get('t1'),
    value: ['t1', '{"a": 1}', '', 'p1', 'None', 'success', 'import'],
    csvHeader: '"id","input","message","owner","result","status","type"',
  },
  {
    name: 'image-tasks',
    view: async () => imageTasksView(await glance.images.tasks(IMG1.id), ['Task Id', 'Message', 'Status']),
    glanceTable: async () => printDictList(await glance.images.tasks(IMG1.id), ['Task Id', 'Message', 'Status']),
    objects: () => glance.images.tasks(IMG1.id),
    value: ['t1  success'],
    csvHeader: '"Task Id","Message","Status"',
  },
  {
    name: 'md-namespace-list',
    view: async () => formatDefinitionList(await glance.metadefs.namespaces.list().toArray(), ['namespace']),
    glanceTable: async () => printList(await glance.metadefs.namespaces.list().toArray(), ['namespace']),
    objects: () => glance.metadefs.namespaces.list().toArray(),
    value: ['ns1'],
    csvHeader: '"namespace"',
  },
  {
    name: 'md-namespace-show',
    view: async () => formatNamespace(await glance.metadefs.namespaces.get('ns1')),
    glanceTable: async () => (await formatNamespace(await glance.metadefs.namespaces.get('ns1'))).table(),
    // json is the namespace as the API returned it, not the table's names-only copy.
    objects: () => glance.metadefs.namespaces.get('ns1'),
    value: ['NS', 'ns1', '[{"name": "o1", "properties": {}}]', 'True', '/v2/schemas/metadefs/namespace', '[{"name": "t1"}]', 'public'],
    csvHeader: '"display_name","namespace","objects","protected","schema","tags","visibility"',
  },
  {
    name: 'md-tag-list',
    view: async () => formatDefinitionList(await glance.metadefs.tags.list('ns1'), ['name']),
    glanceTable: async () => printList(await glance.metadefs.tags.list('ns1'), ['name']),
    objects: () => glance.metadefs.tags.list('ns1'),
    value: ['t1', 't2'],
    csvHeader: '"name"',
  },
  {
    name: 'cache-list',
    view: async () => cachedImagesView(await glance.cache.list()),
    glanceTable: async () => printCachedImages(await glance.cache.list()),
    objects: async () => {
      const listing = await glance.cache.list()
      return [...listing.cached_images.map((c) => ({ ...c, state: 'cached' })), ...listing.queued_images.map((id) => ({ image_id: id, state: 'queued' }))]
    },
    value: [`${IMG1.id} cached 0 1700000000.5 12 3`, `${IMG2.id} queued    `],
    csvHeader: '"ID","State","Last Accessed (UTC)","Last Modified (UTC)","Size","Hits"',
  },
  {
    name: 'stores-info',
    view: async () => printedDict(await glance.info.getStoresInfo()),
    glanceTable: async () => printDict(await glance.info.getStoresInfo()),
    objects: () => glance.info.getStoresInfo(),
    value: ['[{"id": "fast", "default": true}, {"id": "slow"}]'],
    csvHeader: '"stores"',
  },
  {
    name: 'import-info',
    view: async () => printedDict(await glance.info.getImportInfo()),
    glanceTable: async () => printDict(await glance.info.getImportInfo()),
    objects: () => glance.info.getImportInfo(),
    value: ['{"description": "methods", "type": "array", "value": ["glance-direct"]}'],
    csvHeader: '"import-methods"',
  },
  {
    name: 'usage',
    view: async () => usageView(await glance.usage.get()),
    glanceTable: async () => printDictList(Object.entries(await glance.usage.get()).map(([quota, v]) => ({ ...v, quota })), ['Quota', 'Limit', 'Usage']),
    objects: async () => Object.entries(await glance.usage.get()).map(([quota, v]) => ({ quota, ...v })),
    value: ['image_count_total 10 2', 'image_size_total -1 24'],
    csvHeader: '"Quota","Limit","Usage"',
  },
]

describe.each(families)('$name', (family) => {
  it('table without -c is glance’s table', async () => {
    expect(await render(await family.view(), 'table')).toBe(await family.glanceTable())
  })
  it('json and yaml are the SDK objects', async () => {
    const objects = await family.objects()
    expect(JSON.parse(await render(await family.view(), 'json'))).toEqual(objects)
    expect(parseYaml(await render(await family.view(), 'yaml'))).toEqual(objects)
  })
  it('value is one line per row (or per field), space-separated', async () => {
    expect(lines(await render(await family.view(), 'value'))).toEqual(family.value)
  })
  it('csv has a header row and one quoted row per object', async () => {
    const csv = lines(await render(await family.view(), 'csv'))
    expect(csv[0]).toBe(family.csvHeader)
    const view = await family.view()
    expect(csv).toHaveLength(1 + (view.kind === 'list' ? view.records.length : 1))
  })
})

describe('columns (-c)', () => {
  const images = async () => printedList(await glance.images.list().toArray(), ['ID', 'Name'])

  it('pick API keys in -c order for json, by key or heading', async () => {
    expect(JSON.parse(await render(await images(), 'json', ['Name', 'status', 'hw_disk_bus']))).toEqual([
      { name: 'one', status: 'active', hw_disk_bus: 'scsi' },
      { name: null, status: 'active', hw_disk_bus: undefined },
    ])
  })

  it('quote csv cells like QUOTE_NONNUMERIC: numbers and booleans bare, quotes doubled, null empty', async () => {
    expect(lines(await render(await images(), 'csv', ['name', 'size', 'protected', 'tags']))).toEqual([
      '"Name","size","protected","tags"',
      '"one",12,False,"[""a"", ""b\\""q""]"',
      '"",12,False,"[""a"", ""b\\""q""]"',
    ])
  })

  it('table with -c shows only those columns', async () => {
    const table = await render(await images(), 'table', ['ID', 'status'])
    expect(lines(table)[1]).toBe('| ID                                   | status |')
    expect(table).not.toContain('one')
  })

  it('on a single object pick keys, links included', async () => {
    const view = await formatImage(await glance.images.get(IMG1.id))
    expect(lines(await render(view, 'value', ['self', 'name']))).toEqual([`/v2/images/${IMG1.id}`, 'one'])
    expect(parseYaml(await render(view, 'yaml', ['tags']))).toEqual({ tags: ['a', 'b"q'] })
    expect(await render(view, 'table', ['name', 'id'])).toBe(printDict({ name: 'one', id: IMG1.id }))
  })

  it('an unknown column fails with the valid ones listed', async () => {
    const failure = render(await images(), 'value', ['ID', 'Nope'])
    await expect(failure).rejects.toBeInstanceOf(CommandFailure)
    await expect(render(await images(), 'value', ['Nope'])).rejects.toThrow(/^Unknown column 'Nope'\. Valid columns: ID, Name, id, name, status, .*hw_disk_bus/)
    const show = await formatTask(await glance.tasks.get('t1'))
    await expect(render(show, 'json', ['nope'])).rejects.toThrow("Unknown column 'nope'. Valid columns: id, type, status, owner, input, result, message, self, schema")
  })
})
