/**
 * `-f/--format`, `-c/--column` and `--json` on the real stack: what the
 * script formats print is the same data as glance's table for the same
 * images, and the same objects the SDK reads (decision 0009). Images are
 * made with the real glance, tagged with this run's prefix so listings can
 * be narrowed to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { GlanceClient, type Image } from 'tsglance'
import { ImageLedger } from './support/images.js'
import { listedIds, tableValue } from './support/parity.js'
import { glance, tsglance } from './support/run.js'
import { authFromEnv, openrc, requireStack } from './support/stack.js'

requireStack()

const images = new ImageLedger('fmt')
const env = openrc('demo')
/** The run's images, in image-list's default order (name ascending). */
let ids: string[] = []
let sdk: GlanceClient

const listArgs = () => ['image-list', '--tag', images.prefix]

beforeAll(async () => {
  const tagged = ['--tags', images.prefix, '--disk-format', 'raw', '--container-format', 'bare']
  ids = [await images.create('a', [...tagged, '--property', 'fmt_note=say "hi", then go']), await images.create('b', [...tagged, '--min-disk', '3'])]
  sdk = new GlanceClient({
    auth: authFromEnv(env),
  })
})

afterAll(async () => {
  await sdk?.close()
  await images.cleanup()
})

const run = async (args: string[]) => {
  const res = await tsglance(args, { env })
  expect(res.code, res.stderr).toBe(0)
  return res.stdout
}

describe('image-list', () => {
  it('-f json is the SDK objects, in the rows glance lists', async () => {
    const listed = JSON.parse(await run([...listArgs(), '-f', 'json'])) as Image[]
    const table = await glance(listArgs(), { env })
    expect(listed.map((image) => image.id)).toEqual(listedIds(table.stdout))
    expect(listed.map((image) => image.id)).toEqual(ids)
    expect(listed).toEqual(await sdk.images.list({ tags: [images.prefix], sortKey: ['name'], sortDir: ['asc'] }).toArray())
  })

  it('--json agrees with -f json, yaml too', async () => {
    const json = await run([...listArgs(), '-f', 'json'])
    expect(await run([...listArgs(), '--json'])).toBe(json)
    expect(parseYaml(await run([...listArgs(), '-f', 'yaml']))).toEqual(JSON.parse(json))
  })

  it('-f value -c gives the cells of glance’s table, one row per line', async () => {
    const table = (await glance(listArgs(), { env })).stdout
    const rows = [...table.matchAll(/^\| (\S+) +\| (\S+) +\|$/gm)].slice(1).map((m) => `${m[1]} ${m[2]}`)
    expect(await run([...listArgs(), '-f', 'value', '-c', 'ID', '-c', 'Name'])).toBe(rows.map((row) => `${row}\n`).join(''))
  })

  it('-f csv quotes like cliff; -c takes API keys beyond the table', async () => {
    const csv = await run([...listArgs(), '-f', 'csv', '-c', 'name', '-c', 'min_disk', '-c', 'fmt_note'])
    expect(csv).toBe(['"Name","min_disk","fmt_note"', `"${images.name('a')}",0,"say ""hi"", then go"`, `"${images.name('b')}",3,""`, ''].join('\n'))
  })

  it('the table without -f is still glance’s, and a leading -f is still --force', async () => {
    const reference = await glance(['-f', ...listArgs()], { env })
    expect(reference.code).toBe(0)
    expect(await run(['-f', ...listArgs()])).toBe(reference.stdout)
    expect(await run(listArgs())).toBe(reference.stdout)
  })

  it('an unknown column is one clear line listing the valid ones', async () => {
    const res = await tsglance([...listArgs(), '-c', 'Nope'], { env })
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    expect(res.stderr).toMatch(/^Unknown column 'Nope'\. Valid columns: ID, Name, .*\bmin_disk\b.*\n$/)
  })
})

describe('image-show', () => {
  it('-f json is the SDK object; glance’s table shows the same values', async () => {
    const shown = JSON.parse(await run(['image-show', ids[0], '-f', 'json'])) as Image
    expect(shown).toEqual(await sdk.images.get(ids[0]))
    const table = (await glance(['image-show', ids[0]], { env })).stdout
    for (const key of ['id', 'name', 'status', 'min_disk', 'protected', 'fmt_note', 'disk_format']) {
      const value = shown[key as keyof Image]
      expect(tableValue(table, key), key).toBe(typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value))
    }
    expect(tableValue(table, 'tags')).toBe(JSON.stringify(shown.tags).replaceAll(',', ', '))
  })

  it('-c picks keys in order, for json, value and table', async () => {
    const image = await sdk.images.get(ids[1])
    expect(JSON.parse(await run(['image-show', '-c', 'min_disk', '-c', 'name', ids[1], '--json']))).toEqual({ min_disk: 3, name: image.name })
    expect(await run(['image-show', ids[1], '-f', 'value', '-c', 'status', '-c', 'self'])).toBe(`${image.status}\n/v2/images/${ids[1]}\n`)
    const glanceTable = (await glance(['image-show', ids[1]], { env })).stdout
    const subset = await run(['image-show', ids[1], '-c', 'name', '-c', 'status'])
    expect(tableValue(subset, 'name')).toBe(tableValue(glanceTable, 'name'))
    expect(tableValue(subset, 'status')).toBe(tableValue(glanceTable, 'status'))
    expect(subset.split('\n')).toHaveLength(7)
  })
})

describe('other families', () => {
  const tableRowsOf = (table: string) =>
    table
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .slice(1)
      .map((line) => line.slice(2, -2).split(' | ').map((cell) => cell.trim()))

  it('md-namespace-show -f json is the SDK namespace; md-resource-type-list -f value is glance’s rows', async () => {
    const name = 'OS::Glance::Signatures'
    expect(JSON.parse(await run(['md-namespace-show', name, '-f', 'json']))).toEqual(await sdk.metadefs.namespaces.get(name))
    const glanceRows = tableRowsOf((await glance(['md-resource-type-list'], { env })).stdout).map((row) => row.join(' '))
    expect(await run(['md-resource-type-list', '-f', 'value'])).toBe(glanceRows.map((row) => `${row}\n`).join(''))
  })

  it('usage -f json: one object per quota, the numbers of glance’s table', async () => {
    const quotas = JSON.parse(await run(['usage', '-f', 'json'])) as { quota: string; limit: number; usage: number }[]
    // Image counts may move while other suites run; limits and names do not.
    const glanceRows = tableRowsOf((await glance(['usage'], { env })).stdout)
    expect(quotas.map((q) => [q.quota, String(q.limit)])).toEqual(glanceRows.map((row) => [row[0], row[1]]))
    expect(Object.keys(quotas[0]).sort()).toEqual(['limit', 'quota', 'usage'])
  })
})
