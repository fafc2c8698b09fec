/**
 * The CLI bundle's V8 code cache (src/cli/bundle-loader.ts) in real runs
 * against the stack: written on the first run (0600 in a 0700 directory),
 * taken unchanged by the next, replaced when damaged, shared safely by
 * concurrent first runs, and never in the way: the output is the same with
 * and without it (and the same as glance's), and a cache directory that
 * cannot be written costs nothing but speed. Each test has its own
 * XDG_CACHE_HOME.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { glance, privateHome, tsglance, type RunResult } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

beforeAll(() => requireStack())

function freshCacheHome(): { env: Record<string, string>; codeDir: string } {
  const cacheHome = mkdtempSync(join(tmpdir(), 'tsglance-e2e-code-cache-'))
  return { env: { ...openrc('demo'), XDG_CACHE_HOME: cacheHome }, codeDir: join(cacheHome, 'tsglance', 'code') }
}

/** The one cache file, and its bytes. */
function onlyCacheFile(codeDir: string): { path: string; bytes: Buffer } {
  const files = readdirSync(codeDir)
  expect(files).toHaveLength(1)
  expect(files[0]).toMatch(/^cli\.cjs-[0-9a-f]{16}\.v8$/)
  const path = join(codeDir, files[0])
  return { path, bytes: readFileSync(path) }
}

function expectClean(result: RunResult): void {
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
}

describe('code cache', () => {
  it('is written by the first run and taken unchanged by the next; the output is the same, and glance’s', async () => {
    const { env, codeDir } = freshCacheHome()
    const first = await tsglance(['image-list'], { env })
    expectClean(first)
    const cache = onlyCacheFile(codeDir)
    expect(statSync(cache.path).mode & 0o777).toBe(0o600)
    expect(statSync(codeDir).mode & 0o777).toBe(0o700)

    const second = await tsglance(['image-list'], { env })
    expectClean(second)
    expect(second.stdout).toBe(first.stdout)
    // A rejected cache would have been rewritten.
    expect(onlyCacheFile(codeDir).bytes.equals(cache.bytes)).toBe(true)

    const reference = await glance(['image-list'], { env: { ...env, HOME: privateHome() } })
    expect(second.stdout).toBe(reference.stdout)
  })

  it('is replaced when damaged, and the run is unaffected', async () => {
    const { env, codeDir } = freshCacheHome()
    const clean = await tsglance(['image-list'], { env })
    const { path, bytes } = onlyCacheFile(codeDir)
    const damaged = Buffer.from(bytes)
    for (let i = 100; i < damaged.length; i += 97) damaged[i] ^= 0xff
    writeFileSync(path, damaged)

    const afterDamage = await tsglance(['image-list'], { env })
    expectClean(afterDamage)
    expect(afterDamage.stdout).toBe(clean.stdout)
    const replaced = onlyCacheFile(codeDir).bytes
    expect(replaced.equals(damaged)).toBe(false)

    const next = await tsglance(['image-list'], { env })
    expect(next.stdout).toBe(clean.stdout)
    expect(onlyCacheFile(codeDir).bytes.equals(replaced)).toBe(true)
  })

  it('serves help, oclif plugins (loaded with import()) and unknown commands from cached code', async () => {
    const { env } = freshCacheHome()
    const runs = async () => ({
      help: await tsglance(['help', 'image-list'], { env }),
      autocomplete: await tsglance(['autocomplete', 'bash'], { env: { ...env, HOME: privateHome() } }),
      unknown: await tsglance(['image-lst'], { env }),
    })
    const uncached = await runs()
    const cached = await runs()
    for (const result of [uncached, cached]) {
      expectClean(result.help)
      expect(result.help.stdout).toContain('tsglance image-list')
      expect(result.autocomplete.code).toBe(0)
      expect(result.autocomplete.stdout).toContain('tsglance autocomplete:script bash')
      expect(result.unknown.code).toBe(2)
      expect(result.unknown.stderr).toContain("invalid choice: 'image-lst'")
    }
    expect(cached.help.stdout).toBe(uncached.help.stdout)
  })

  it('is shared by concurrent first runs: every run succeeds and the one file left is valid', async () => {
    const { env, codeDir } = freshCacheHome()
    const results = await Promise.all(Array.from({ length: 6 }, () => tsglance(['image-list'], { env })))
    for (const result of results) {
      expectClean(result)
      expect(result.stdout).toBe(results[0].stdout)
    }
    const { bytes } = onlyCacheFile(codeDir)
    await tsglance(['image-list'], { env })
    expect(onlyCacheFile(codeDir).bytes.equals(bytes)).toBe(true)
  })

  it('costs nothing but speed when the cache directory cannot be made', async () => {
    const { env } = freshCacheHome()
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'tsglance-e2e-code-cache-')), 'file')
    writeFileSync(notADirectory, '')
    const result = await tsglance(['image-list'], { env: { ...env, XDG_CACHE_HOME: notADirectory } })
    expectClean(result)
    const reference = await tsglance(['image-list'], { env })
    expect(result.stdout).toBe(reference.stdout)
  })
})
