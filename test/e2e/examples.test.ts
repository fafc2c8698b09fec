/**
 * Every script under examples/ run as a user would (`node examples/x.mjs`,
 * OS_* of the demo openrc, `import 'tsglance'` resolved through the
 * package's own `exports`), against the real stack. The examples print one
 * `key value` line per fact; the assertions compare those facts with what the
 * test knows (the md5 of the bytes it handed over) and with the server's
 * state after the example (everything it created is gone).
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlanceClient } from '../../src/sdk/client.js'
import { HTTPNotFound } from '../../src/sdk/errors.js'
import { ImageLedger } from './support/images.js'
import { runProgram, type RunResult } from './support/run.js'
import { authFromEnv, openrc, requireStack } from './support/stack.js'

requireStack()

const EXAMPLES_DIR = resolve(import.meta.dirname, '../../examples')
const DEMO_ENV = openrc('demo')
const ledger = new ImageLedger('examples')
const workDir = mkdtempSync(join(tmpdir(), 'tsglance-examples-e2e-'))
let glance: GlanceClient

/** `node examples/<name>.mjs ...args` as the demo user; fails with its stderr unless it exits 0. */
async function runExample(name: string, args: string[]): Promise<RunResult> {
  const res = await runProgram([process.execPath, join(EXAMPLES_DIR, `${name}.mjs`)], args, { env: DEMO_ENV })
  expect(res.code, `${name}.mjs failed:\n${res.stderr}`).toBe(0)
  return res
}

/** The values of every `key value` line with this key, in order. */
function facts(stdout: string, key: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`${key} `))
    .map((line) => line.slice(key.length + 1))
}

function fact(stdout: string, key: string): string {
  const values = facts(stdout, key)
  expect(values, `exactly one "${key}" line in:\n${stdout}`).toHaveLength(1)
  return values[0]
}

/** A data file of `size` bytes (a pattern unique to the label) and its md5, which Glance records as `checksum`. */
function dataFile(label: string, size: number): { path: string; md5: string } {
  const data = createHash('sha512').update(label).digest()
  const bytes = Buffer.alloc(size, data)
  const path = join(workDir, `${label}.img`)
  writeFileSync(path, bytes)
  return { path, md5: createHash('md5').update(bytes).digest('hex') }
}

async function expectImageGone(id: string): Promise<void> {
  await expect(glance.images.get(id)).rejects.toBeInstanceOf(HTTPNotFound)
}

/** The image an example created and later deleted: `created ID` and `deleted ID` name the same one. */
function createdAndDeleted(stdout: string): string {
  const id = fact(stdout, 'created')
  expect(fact(stdout, 'deleted')).toBe(id)
  return id
}

beforeAll(() => {
  glance = new GlanceClient({ auth: authFromEnv(DEMO_ENV) })
})

afterAll(async () => {
  await glance?.close()
  rmSync(workDir, { recursive: true, force: true })
  await ledger.cleanup()
})

describe('examples/', () => {
  it('upload-with-progress: the image was active with the uploaded bytes, progress reached the size, then it was deleted', async () => {
    const size = 3 * 1024 * 1024 + 17
    const data = dataFile('upload', size)
    const res = await runExample('upload-with-progress', [ledger.name('upload'), data.path])

    const progress = facts(res.stdout, 'progress').map((p) => p.split('/').map(Number))
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.every(([, total]) => total === size)).toBe(true)
    const transferred = progress.map(([done]) => done)
    expect(transferred).toEqual([...transferred].sort((a, b) => a - b))
    expect(transferred.at(-1)).toBe(size)

    expect(fact(res.stdout, 'status')).toBe('active')
    expect(fact(res.stdout, 'size')).toBe(String(size))
    expect(fact(res.stdout, 'checksum')).toBe(data.md5)
    await expectImageGone(createdAndDeleted(res.stdout))
  })

  it('list-images: for await yields every image of the name, across pages of 2', async () => {
    const ids = [await ledger.create('listed'), await ledger.create('listed'), await ledger.create('listed')]
    const res = await runExample('list-images', [ledger.name('listed')])

    const listed = facts(res.stdout, 'image').map((line) => line.split(' ')[0])
    expect(listed.sort()).toEqual([...ids].sort())
    expect(fact(res.stdout, 'count')).toBe('3')
  })

  it('import-with-wait: staged, imported with glance-direct, active with the staged bytes, then deleted', async () => {
    const data = dataFile('import', 1024 * 1024 + 5)
    const res = await runExample('import-with-wait', [ledger.name('import'), data.path])

    expect(res.stdout).toMatch(/^staged$/m)
    expect(facts(res.stdout, 'poll').length).toBeGreaterThan(0)
    expect(fact(res.stdout, 'outcome')).toBe('success')
    expect(fact(res.stdout, 'status')).toBe('active')
    expect(fact(res.stdout, 'checksum')).toBe(data.md5)
    await expectImageGone(createdAndDeleted(res.stdout))
  })

  it('cancel-download: an aborted download leaves nothing under the target name, and no part file', async () => {
    const target = join(workDir, 'cancelled.raw')
    const abortAfter = 1024 * 1024
    const res = await runExample('cancel-download', [ledger.name('cancel'), target, String(abortAfter)])

    // Cancelled: the call rejected with the signal's reason (AbortError by default), the bytes received kept in the part file until the example removed it.
    expect(fact(res.stdout, 'aborted')).toBe('AbortError')
    // Whatever had reached the disk when the abort came (possibly nothing yet), never the whole image.
    expect(Number(fact(res.stdout, 'part-bytes'))).toBeLessThan(8 * 1024 * 1024)
    expect(fact(res.stdout, 'target-exists')).toBe('false')
    expect(existsSync(target)).toBe(false)
    expect(existsSync(`${target}.part`)).toBe(false)
    await expectImageGone(createdAndDeleted(res.stdout))
  })
})
