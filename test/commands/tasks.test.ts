/** task-create, task-list, task-show and image-tasks. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { GLANCE, glanceError, json, line, ok, useHarness } from '../support/command-harness.js'
import { IMAGE_ID, TASK, TASK_ID, schemaHandlers, versionsHandler } from './support/fixtures.js'

const h = useHarness('tasks')

const TASK_TABLE = `+------------+----------------------------------------------------------------------------------+
| Property   | Value                                                                            |
+------------+----------------------------------------------------------------------------------+
| created_at | 2026-12-08T00:30:00Z                                                             |
| expires_at | 2026-12-10T00:30:00Z                                                             |
| id         | a2b4c6d8-0000-4000-8000-00000000beef                                             |
| input      | {"import_from": "http://example.test/cirros.img", "import_from_format": "qcow2", |
|            | "image_properties": {"name": "imported"}}                                        |
| message    |                                                                                  |
| owner      | f1cc10bef9d1495ea9fac32941d48f75                                                 |
| result     | {"image_id": "5b84278d-6c26-4e39-b4bf-6b250d69d5a1"}                             |
| status     | success                                                                          |
| type       | import                                                                           |
| updated_at | 2026-12-08T00:30:05Z                                                             |
+------------+----------------------------------------------------------------------------------+
`

describe('task-show', () => {
  it('prints the task without its links', async () => {
    h.use(http.get(`${GLANCE}/v2/tasks/${TASK_ID}`, () => ok(TASK)))
    const r = await h.run(['task-show', TASK_ID])
    expect(r.requests.map(line)).toEqual([`GET /v2/tasks/${TASK_ID}`])
    expect(r.stdout).toBe(TASK_TABLE)
  })

  it('a task that is not there: 404', async () => {
    h.use(http.get(`${GLANCE}/v2/tasks/nope`, () => glanceError(404, 'Not Found', 'Task with identifier nope not found')))
    const r = await h.run(['task-show', 'nope'])
    expect([r.stderr, r.code]).toEqual(['HTTP 404 Not Found: Task with identifier nope not found\n', 1])
  })
})

describe('task-create', () => {
  it('checks the fields against the task schema, POSTs them, prints the task', async () => {
    h.use(...schemaHandlers(), http.post(`${GLANCE}/v2/tasks`, () => ok({ ...TASK, status: 'pending', result: null }, 201)))
    const input = JSON.stringify(TASK.input)
    const r = await h.run(['task-create', '--type', 'import', '--input', input])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/task', 'POST /v2/tasks'])
    expect(json(r.requests[1])).toEqual({ type: 'import', input: TASK.input })
    expect(r.stdout).toContain('| status     | pending                                                                          |\n')
    expect(r.stdout).toContain('| result     | None                                                                             |\n')
  })

  it('input that is not JSON: refused before any request', async () => {
    const r = await h.run(['task-create', '--type', 'import', '--input', '{nope'])
    expect([r.stderr, r.code]).toEqual(['Failed to parse the "input" parameter. Must be a valid JSON object.\n', 1])
    expect(r.allRequests).toEqual([])
  })

  it('a type the schema does not know: no task is created', async () => {
    h.use(...schemaHandlers())
    const r = await h.run(['task-create', '--type', 'export', '--input', '{}'])
    expect(r.requests.map(line)).toEqual(['GET /v2/schemas/task'])
    expect(r.stderr).toMatch(/^Unable to set 'type' to 'export'\. Reason: 'export' is not one of \['import'.*\]\n$/)
    expect(r.code).toBe(1)
  })
})

describe('task-list', () => {
  it('filters, sorts and prints ID, Type, Status, Owner', async () => {
    const { input: _input, result: _result, ...listed } = TASK
    h.use(http.get(`${GLANCE}/v2/tasks`, () => ok({ tasks: [listed], schema: '/v2/schemas/tasks' })))
    const r = await h.run(['task-list', '--type', 'import', '--status', 'success', '--sort-key', 'type'])
    expect(r.requests.map(line)).toEqual(['GET /v2/tasks?type=import&status=success&limit=20&sort_key=type&sort_dir=desc'])
    expect(r.stdout).toBe(`+--------------------------------------+--------+---------+----------------------------------+
| ID                                   | Type   | Status  | Owner                            |
+--------------------------------------+--------+---------+----------------------------------+
| a2b4c6d8-0000-4000-8000-00000000beef | import | success | f1cc10bef9d1495ea9fac32941d48f75 |
+--------------------------------------+--------+---------+----------------------------------+
`)
  })

  it('a sort key argparse does not offer: exit 2', async () => {
    const r = await h.run(['task-list', '--sort-key', 'name'])
    expect(r.code).toBe(2)
    expect(r.allRequests).toEqual([])
  })
})

describe('image-tasks', () => {
  const imageTask = { ...TASK, image_id: IMAGE_ID, request_id: 'req-1', user_id: 'u1', message: 'Import complete' }

  it('lists the tasks of an image (API 2.12+)', async () => {
    h.use(versionsHandler(), http.get(`${GLANCE}/v2/images/${IMAGE_ID}/tasks`, () => ok({ tasks: [imageTask] })))
    const r = await h.run(['image-tasks', IMAGE_ID])
    expect(r.requests.map(line)).toEqual(['GET /versions', `GET /v2/images/${IMAGE_ID}/tasks`])
    expect(r.stdout).toBe(`+-----------------+---------+----------------------+
| Message         | Status  | Updated at           |
+-----------------+---------+----------------------+
| Import complete | success | 2026-12-08T00:30:05Z |
+-----------------+---------+----------------------+
`)
  })

  it('an image that is not there', async () => {
    h.use(versionsHandler(), http.get(`${GLANCE}/v2/images/${IMAGE_ID}/tasks`, () => glanceError(404, 'Not Found', 'gone')))
    const r = await h.run(['image-tasks', IMAGE_ID])
    expect([r.stderr, r.code]).toEqual([`Image ${IMAGE_ID} not found.\n`, 1])
  })
})
