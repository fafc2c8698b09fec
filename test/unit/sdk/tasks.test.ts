import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { GlanceClient } from '../../../src/sdk/client.js'
import { HTTPForbidden, ValidationError } from '../../../src/sdk/errors.js'
import type { TaskSortKey } from '../../../src/sdk/tasks/types.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'
const clientFor = (mock: ReturnType<typeof createMockDispatcher>) =>
  new GlanceClient({ dispatcher: mock.dispatcher, endpoint: `${base}/v2`, auth: { token: 'tok' } })

function task(id: string, extra: Record<string, unknown> = {}) {
  return { id, type: 'import', status: 'success', input: {}, result: null, owner: 'p', message: '', created_at: 't0', updated_at: 't1', ...extra }
}

describe('tasks.list', () => {
  it('asks for 20 per page by default, in glanceclient parameter order, and follows next', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/tasks`, ({ request }) => {
        if (!new URL(request.url).searchParams.has('marker')) {
          return HttpResponse.json({ tasks: [task('a'), task('b')], next: '/v2/tasks?limit=20&marker=b&type=import', schema: '/v2/schemas/tasks' })
        }
        return HttpResponse.json({ tasks: [task('c')], schema: '/v2/schemas/tasks' })
      }),
    )
    const tasks = await clientFor(mock).tasks.list({ sortKey: 'status', sortDir: 'desc', type: 'import', status: 'success' }).toArray()
    expect(tasks.map((t) => t.id)).toEqual(['a', 'b', 'c'])
    expect(mock.requests.map((r) => r.url)).toEqual([
      `${base}/v2/tasks?type=import&status=success&limit=20&sort_key=status&sort_dir=desc`,
      `${base}/v2/tasks?limit=20&marker=b&type=import`,
    ])
  })

  it('sends the page size given, and 20 for 0 as glanceclient does', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/tasks`, () => HttpResponse.json({ tasks: [] })))
    const glance = clientFor(mock)
    await glance.tasks.list({ pageSize: 5 }).toArray()
    await glance.tasks.list({ pageSize: 0 }).toArray()
    expect(mock.requests.map((r) => r.url)).toEqual([`${base}/v2/tasks?limit=5`, `${base}/v2/tasks?limit=20`])
  })

  it('refuses unknown sort values before sending anything', () => {
    const mock = createMockDispatcher()
    const glance = clientFor(mock)
    expect(() => glance.tasks.list({ sortKey: 'owner' as TaskSortKey })).toThrow(new ValidationError('sortKey', 'sortKey must be one of the following: id, type, status.'))
    expect(() => glance.tasks.list({ sortDir: 'up' as 'asc' })).toThrow('sortDir must be one of the following: asc, desc.')
    expect(mock.requests).toHaveLength(0)
  })

  it('raises the policy refusal non-admins get', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/tasks`, () => new HttpResponse('403 Forbidden\n\nYou are not authorized to complete tasks_api_access action.\n\n', { status: 403 })),
    )
    await expect(clientFor(mock).tasks.list().toArray()).rejects.toBeInstanceOf(HTTPForbidden)
  })
})

describe('tasks.get and tasks.create', () => {
  it('gets a task by id', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/tasks/t1`, () => HttpResponse.json(task('t1', { self: '/v2/tasks/t1' }))))
    expect((await clientFor(mock).tasks.get('t1')).self).toBe('/v2/tasks/t1')
  })

  it('posts type and input and returns the pending task (201)', async () => {
    const mock = createMockDispatcher(
      http.post(`${base}/v2/tasks`, async ({ request }) => {
        const body = (await request.json()) as { type: string; input: Record<string, unknown> }
        return HttpResponse.json(task('t2', { ...body, status: 'pending' }), { status: 201 })
      }),
    )
    const created = await clientFor(mock).tasks.create({ type: 'import', input: { import_from: 'http://x' } })
    expect(created).toMatchObject({ id: 't2', status: 'pending', input: { import_from: 'http://x' } })
    expect(JSON.parse(mock.requests[0].body.toString())).toEqual({ type: 'import', input: { import_from: 'http://x' } })
  })
})
