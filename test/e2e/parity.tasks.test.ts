/**
 * Parity of the task commands. The tasks compared are real ones: an image
 * import (the requests of `image-stage` + `image-import --import-method
 * glance-direct`, sent to Glance's API) makes an `api_image_import` task,
 * and task-create makes `import` tasks. task-show of a task must match byte for byte;
 * task-list output includes every project's tasks (the tasks API is
 * admin-only), so each listing is compared on a settled server state
 * (runBothSettled) and must contain this run's tasks.
 *
 * Glance has no API to delete tasks: the two `import` tasks task-create
 * makes per run (their input has no `import_from`, so they do nothing but
 * fail) stay until they expire on the server's schedule. The imported image
 * is deleted in afterAll.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { expectParity, listedIds, runBoth, runBothSettled, tableValue, type PairOptions, type Tool } from './support/parity.js'
import { glanceApi } from './support/rest.js'
import { privateHome, tsglance } from './support/run.js'
import { openrc, requireStack, type StackUser } from './support/stack.js'

requireStack()

const images = new ImageLedger('task')
const HOME = privateHome()
const dir = mkdtempSync(join(tmpdir(), 'tsglance-tasks-'))
const dataFile = join(dir, 'data.img')
writeFileSync(dataFile, randomBytes(2048))

/** Both tools as one stack user, with a HOME no other suite writes to. */
const as = (user: StackUser): PairOptions => ({ user, env: { HOME } })

/** The id of the task an image import made, once it has finished. */
let importTask: string
/** One `import` task per tool, made by task-create. */
let createdTasks: Record<Tool, string>

const TASK_COLUMNS = /^\| ID +\| Type +\| Status +\| Owner +\|$/m

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

/** Poll until `check` returns a value, or fail after a minute. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(250)
  }
}

/** A task's status, once it is no longer pending or processing. */
async function finishedStatus(taskId: string): Promise<string | undefined> {
  const { status } = await glanceApi<{ status: string }>('admin', 'GET', `/v2/tasks/${taskId}`)
  return status === 'success' || status === 'failure' ? status : undefined
}

/**
 * Import data into a new image of demo's (the requests glance's image-stage
 * and image-import make, sent to the API directly), and return the import's
 * task id.
 */
async function importImage(): Promise<string> {
  const imageId = await images.create('import', ['--disk-format', 'raw', '--container-format', 'bare'])
  await glanceApi('demo', 'PUT', `/v2/images/${imageId}/stage`, { bytes: readFileSync(dataFile) })
  await glanceApi('demo', 'POST', `/v2/images/${imageId}/import`, { json: { method: { name: 'glance-direct' } } }, [202])
  const taskId = await eventually('the import task', async () => {
    const { tasks } = await glanceApi<{ tasks: { id: string }[] }>('admin', 'GET', `/v2/images/${imageId}/tasks`)
    return tasks[0]?.id
  })
  expect(await eventually('the import to finish', () => finishedStatus(taskId))).toBe('success')
  return taskId
}

beforeAll(async () => {
  importTask = await importImage()
})

afterAll(async () => {
  try {
    await images.cleanup()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('task-create', () => {
  const input = JSON.stringify({ note: images.prefix })

  it('creates an import task (admin); both tables match with ids and times masked', async () => {
    const pair = expectParity(await runBoth(['task-create', '--type', 'import', '--input', input], as('admin')), { code: 0 })
    createdTasks = { glance: tableValue(pair.glance.stdout, 'id')!, tsglance: tableValue(pair.tsglance.stdout, 'id')! }
    expect(tableValue(pair.tsglance.stdout, 'type')).toBe('import')
    expect(tableValue(pair.tsglance.stdout, 'status')).toBe('pending')
    expect(tableValue(pair.tsglance.stdout, 'input')).toBe(`{"note": "${images.prefix}"}`)
    expect(tableValue(pair.tsglance.stdout, 'result')).toBe('None')
    expect(pair.tsglance.stdout).not.toMatch(/^\| (self|schema) /m)
  })

  it('task-show of each created task: byte for byte what glance shows of it', async () => {
    // The legacy import tasks normally fail at once (no `import_from`), but
    // Glance's executor can leave one pending: compare whatever state each
    // is in, on a settled server state.
    for (const id of Object.values(createdTasks)) {
      const pair = expectParity(await runBothSettled(['task-show', id], as('admin')), { code: 0, masked: false })
      expect(tableValue(pair.tsglance.stdout, 'id')).toBe(id)
      expect(tableValue(pair.tsglance.stdout, 'input')).toBe(`{"note": "${images.prefix}"}`)
    }
  })

  it('bad JSON: glance\'s error, exit 1, and tsglance sends nothing', async () => {
    const args = ['task-create', '--type', 'import', '--input', '{"note": ']
    const pair = expectParity(await runBoth(args, as('admin')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('Failed to parse the "input" parameter. Must be a valid JSON object.\n')
    const debug = await tsglance(['--debug', ...args], { env: { ...openrc('admin'), HOME } })
    expect(debug.code).toBe(1)
    expect(debug.stderr).toBe('Failed to parse the "input" parameter. Must be a valid JSON object.\n')
  })

  const schemaRefusals = [
    { what: 'a type the task schema does not list', args: ['--type', 'copy', '--input', '{}'], reason: "Unable to set 'type' to 'copy'. Reason: 'copy' is not one of ['import', 'api_image_import']" },
    { what: 'a JSON list as input', args: ['--type', 'import', '--input', '[1]'], reason: "Unable to set 'input' to [1]. Reason: [1] is not of type 'null', 'object'" },
    { what: 'a JSON string as input', args: ['--type', 'import', '--input', '"x"'], reason: "Unable to set 'input' to 'x'. Reason: 'x' is not of type 'null', 'object'" },
  ]
  for (const { what, args, reason } of schemaRefusals) {
    it(`${what}: refused by the live schema (first line of glance's message)`, async () => {
      const pair = expectParity(await runBoth(['task-create', ...args], as('admin')), { code: 1, masked: false, stderr: 'first-line' })
      expect(pair.tsglance.stderr).toBe(`${reason}\n`)
    })
  }

  const missing = [
    { what: 'no --type', args: ['--input', '{}'] },
    { what: 'an empty --type', args: ['--type', '', '--input', '{}'] },
    { what: 'an empty --input', args: ['--type', 'import', '--input', ''] },
  ]
  for (const { what, args } of missing) {
    it(`${what}`, async () => {
      const pair = expectParity(await runBoth(['task-create', ...args], as('admin')), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe('Unable to create task. Specify task type and input.\n')
    })
  }

  it('as a non-admin: the policy refusal', async () => {
    const pair = expectParity(await runBoth(['task-create', '--type', 'import', '--input', input], as('demo')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: You are not authorized to complete tasks_api_access action.\n')
  })
})

describe('task-show', () => {
  it("an image import's task, byte for byte", async () => {
    const pair = expectParity(await runBoth(['task-show', importTask], as('admin')), { code: 0, masked: false })
    expect(tableValue(pair.tsglance.stdout, 'type')).toBe('api_image_import')
    expect(tableValue(pair.tsglance.stdout, 'status')).toBe('success')
    expect(tableValue(pair.tsglance.stdout, 'input')).toMatch(/^\{"image_id": "[0-9a-f-]{36}", "import_req": \{"method":/)
    expect(tableValue(pair.tsglance.stdout, 'result')).toMatch(/^\{"image_id": "[0-9a-f-]{36}"\}$/)
  })

  it('an unknown id', async () => {
    const pair = expectParity(await runBoth(['task-show', 'no-such-task'], as('admin')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 404 Not Found: Could not find task no-such-task\n')
  })

  it('as a non-admin', async () => {
    expectParity(await runBoth(['task-show', importTask], as('demo')), { code: 1, masked: false })
  })

  it('without an id: usage error', async () => {
    expectParity(await runBoth(['task-show'], as('admin')), { code: 2, masked: false, stderr: 'ignore' })
  })
})

describe('task-list (compared on a settled server state)', () => {
  const listings = [
    { what: 'default order (status desc)', args: [] as string[], has: () => [importTask] },
    { what: '--status success --sort-key id --sort-dir asc', args: ['--status', 'success', '--sort-key', 'id', '--sort-dir', 'asc'], has: () => [importTask] },
    { what: '--type import --sort-key type', args: ['--type', 'import', '--sort-key', 'type'], has: () => Object.values(createdTasks) },
    { what: '--page-size 1 --status success: follows next page by page', args: ['--page-size', '1', '--status', 'success'], has: () => [importTask] },
    { what: '--page-size 0 means the default 20', args: ['--page-size', '0', '--sort-dir', 'asc'], has: () => [importTask] },
  ]
  for (const { what, args, has } of listings) {
    it(what, async () => {
      const pair = expectParity(await runBothSettled(['task-list', ...args], as('admin')), { code: 0, masked: false })
      expect(pair.tsglance.stdout).toMatch(TASK_COLUMNS)
      expect(listedIds(pair.tsglance.stdout)).toEqual(expect.arrayContaining(has()))
    })
  }

  const serverRefusals = [
    { what: 'a status Glance does not know', args: ['--status', 'done'], stderr: 'HTTP 400 Bad Request: Invalid status value: done\n' },
    { what: 'a type Glance does not filter on', args: ['--type', 'api_image_import'], stderr: 'HTTP 400 Bad Request: Invalid type value: api_image_import\n' },
    { what: 'a negative page size', args: ['--page-size', '-1'], stderr: 'HTTP 400 Bad Request: limit param must be positive\n' },
  ]
  for (const { what, args, stderr } of serverRefusals) {
    it(what, async () => {
      const pair = expectParity(await runBoth(['task-list', ...args], as('admin')), { code: 1, masked: false })
      expect(pair.tsglance.stderr).toBe(stderr)
    })
  }

  it('as a non-admin: the policy refusal', async () => {
    const pair = expectParity(await runBoth(['task-list'], as('demo')), { code: 1, masked: false })
    expect(pair.tsglance.stderr).toBe('HTTP 403 Forbidden: You are not authorized to complete tasks_api_access action.\n')
  })

  const usage = [
    ['--sort-key', 'owner'],
    ['--sort-dir', 'up'],
    ['--page-size', 'many'],
  ]
  for (const args of usage) {
    it(`usage error: ${args.join(' ')}`, async () => {
      expectParity(await runBoth(['task-list', ...args], as('admin')), { code: 2, masked: false, stderr: 'ignore' })
    })
  }
})
