/**
 * `--wait` on image-import and image-create-via-import (tsglance only, see
 * docs/decisions/0005-import-wait.md), on the real stack: glance-direct,
 * web-download (from a server this suite runs on 127.0.0.1) and copy-image
 * each end `active`, and the table printed is what `glance image-show`
 * prints for the image then; failed stores, a failed task and a timeout end
 * in exit 1 with the reason on stderr; a spinner appears only on a terminal.
 *
 * Every image is named with this run's prefix and deleted in afterAll.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { isActive, settledImage, stageFixture, storesOf, useImportFixture } from './support/import.js'
import { imageIdOf, tableValue } from './support/parity.js'
import { glance, tsglance, TSGLANCE_BIN, type RunResult } from './support/run.js'
import { openrc, requireStack, type StackUser } from './support/stack.js'

requireStack()

const images = new ImageLedger('wait')
const fixture = useImportFixture({ images, dataSize: 3072 })
const { dataFile, md5, home } = fixture
const FORMATS = ['--disk-format', 'raw', '--container-format', 'bare']

const run = (args: string[], user: StackUser = 'demo') => tsglance(args, { env: { ...openrc(user), HOME: home } })
const show = (id: string, user: StackUser = 'demo') => glance(['image-show', id], { env: { ...openrc(user), HOME: home } })

/** A --wait run that succeeded printed the settled image: exactly what glance shows for it now. */
async function expectSettledTable(result: RunResult, user: StackUser = 'demo'): Promise<string> {
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toBe('')
  const id = imageIdOf(result.stdout)!
  expect(id, 'an image table').toBeDefined()
  expect(tableValue(result.stdout, 'status')).toBe('active')
  expect(tableValue(result.stdout, 'os_glance_import_task')).toBeUndefined()
  expect(result.stdout).toBe((await show(id, user)).stdout)
  return result.stdout
}

describe('image-import --wait', () => {
  it('glance-direct: prints the active image', async () => {
    const id = await stageFixture(images, 'direct', dataFile, FORMATS)
    const table = await expectSettledTable(await run(['image-import', id, '--wait']))
    expect(tableValue(table, 'checksum')).toBe(md5)
  })

  it('web-download', async () => {
    const id = await images.create('web', FORMATS)
    const table = await expectSettledTable(await run(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.url, '--wait']))
    expect(tableValue(table, 'checksum')).toBe(md5)
  })

  it('copy-image to another store (admin)', async () => {
    const id = await images.create('copy', [...FORMATS, '--file', dataFile], { user: 'admin' })
    const table = await expectSettledTable(await run(['image-import', id, '--import-method', 'copy-image', '--stores', 'cheap', '--wait'], 'admin'), 'admin')
    expect(storesOf(table)).toEqual(['cheap', 'fast'])
  })

  it('web-download of a URL nobody serves: exit 1, the queued image, and why on stderr', async () => {
    const id = await images.create('web-dead', FORMATS)
    const result = await run(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.deadUrl, '--wait'])
    expect(result.code).toBe(1)
    expect(tableValue(result.stdout, 'status')).toBe('queued')
    expect(result.stdout).toBe((await show(id)).stdout)
    expect(result.stderr).toMatch(new RegExp(`^Import of image ${id} failed; the image is 'queued'\\.\\nStore 'fast': failed\\.\\nTask [0-9a-f-]{36} failure: .+\\n$`))
  })

  it('copy-image to the read-only store: the task succeeds, the store failed: exit 1 (admin)', async () => {
    const id = await images.create('copy-web', [...FORMATS, '--file', dataFile], { user: 'admin' })
    const result = await run(['image-import', id, '--import-method', 'copy-image', '--stores', 'web', '--wait'], 'admin')
    expect(result.code).toBe(1)
    expect(tableValue(result.stdout, 'os_glance_failed_import')).toBe('web')
    expect(result.stderr).toMatch(new RegExp(`^Import of image ${id} failed; the image is 'active'\\.\\nStore 'web': failed\\.\\nTask [0-9a-f-]{36} success[.:].*\\n$`))
  })

  it('copy-image to a writable and the read-only store: partial, exit 1 (admin)', async () => {
    const id = await images.create('copy-partial', [...FORMATS, '--file', dataFile], { user: 'admin' })
    const result = await run(['image-import', id, '--import-method', 'copy-image', '--stores', 'cheap,web', '--wait'], 'admin')
    expect(result.code).toBe(1)
    expect(storesOf(result.stdout)).toEqual(['cheap', 'fast'])
    expect(result.stderr).toMatch(
      new RegExp(`^Import of image ${id} failed in some stores; the image is 'active'\\.\\nStore 'cheap': imported\\.\\nStore 'web': failed\\.\\nTask [0-9a-f-]{36} success[.:].*\\n$`),
    )
  })

  it('--wait-timeout: gives up with exit 1 while the import goes on', async () => {
    const id = await images.create('slow', FORMATS)
    const result = await run(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.slowUrl(8000), '--wait', '--wait-timeout', '1'])
    expect(result.code).toBe(1)
    expect(imageIdOf(result.stdout)).toBe(id)
    expect(result.stderr).toMatch(new RegExp(`^Gave up waiting after 1 seconds: image ${id} is '(queued|importing)'.*\\. The import goes on in Glance\\.\\n$`))
    expect(tableValue(await settledImage(id, isActive), 'checksum')).toBe(md5)
  })

  it('--wait-timeout without --wait: usage error (exit 2)', async () => {
    const id = await images.create('timeout-alone', FORMATS)
    const result = await run(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.url, '--wait-timeout', '5'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--wait')
  })

  /** tsglance on a terminal: script(1) gives it one (sized, as a real one is); stdout and stderr both land in the transcript. */
  async function onSizedTerminal(args: string[]): Promise<string> {
    const command = [process.execPath, TSGLANCE_BIN, ...args].join(' ')
    const { stdout } = await promisify(execFile)('script', ['-qec', `stty cols 120 rows 40; ${command}`, '/dev/null'], {
      env: { ...openrc('demo'), HOME: home, PATH: process.env.PATH! },
    })
    return stdout
  }

  it('on a terminal, a spinner on stderr says what the import is doing', async () => {
    const id = await images.create('tty', FORMATS)
    const transcript = await onSizedTerminal(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.slowUrl(4000), '--wait'])
    expect(transcript).toContain(`Importing image ${id}: importing, to fast`)
    expect(tableValue(transcript.replaceAll('\r', ''), 'status')).toBe('active')
  })

  it('on a terminal with -f json, no spinner: the output is for a program (decision 0016)', async () => {
    const id = await images.create('tty-json', FORMATS)
    const transcript = await onSizedTerminal(['image-import', id, '--import-method', 'web-download', '--uri', fixture.server.slowUrl(2000), '--wait', '-f', 'json'])
    expect(transcript).not.toContain('Importing image')
    expect(JSON.parse(transcript).status).toBe('active')
  })
})

describe('image-create-via-import --wait', () => {
  it('--file (glance-direct)', async () => {
    const table = await expectSettledTable(await run(['image-create-via-import', '--name', images.name('file'), ...FORMATS, '--file', dataFile, '--wait']))
    expect(tableValue(table, 'checksum')).toBe(md5)
  })

  it('--file into --stores fast,cheap', async () => {
    const args = ['image-create-via-import', '--name', images.name('stores'), ...FORMATS, '--file', dataFile, '--stores', 'fast,cheap', '--wait']
    expect(storesOf(await expectSettledTable(await run(args)))).toEqual(['cheap', 'fast'])
  })

  it('web-download', async () => {
    const args = ['image-create-via-import', '--name', images.name('web'), ...FORMATS, '--import-method', 'web-download', '--uri', fixture.server.url, '--wait']
    expect(tableValue(await expectSettledTable(await run(args)), 'checksum')).toBe(md5)
  })

  it('web-download that fails later: exit 1, and the image stays for inspection', async () => {
    const args = ['image-create-via-import', '--name', images.name('web-dead'), ...FORMATS, '--import-method', 'web-download', '--uri', fixture.server.deadUrl, '--wait']
    const result = await run(args)
    expect(result.code).toBe(1)
    const id = imageIdOf(result.stdout)!
    expect(result.stderr).toMatch(new RegExp(`^Import of image ${id} failed; the image is 'queued'\\.\\nStore 'fast': failed\\.`))
    expect(tableValue((await show(id)).stdout, 'os_glance_failed_import')).toBe('fast')
  })

  it('without an import method there is nothing to wait for: a usage error, and no record is made (decisions/0010)', async () => {
    const name = images.name('record')
    const result = await run(['image-create-via-import', '--name', name, '--wait'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/: --wait needs an import to wait for: give --file, data on stdin or --import-method\.\n$/)
    expect(result.stdout).toBe('')
    const listed = await run(['image-list', '--property-filter', `name=${name}`])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).not.toContain(name)
  })
})
