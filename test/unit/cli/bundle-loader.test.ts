import { createRequire } from 'node:module'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeCacheFile, loadWithCodeCache } from '../../../src/cli/bundle-loader.js'

/** A CommonJS "bundle" with enough code for V8 to cache, using the loader's import() parameter. */
function bundle(dir: string, answer = 42): string {
  const file = join(dir, 'cli.cjs')
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${answer} }`).join('\n')
  writeFileSync(
    file,
    `${filler}\nexports.answer = () => f0(0)\nexports.filename = __filename\n` +
      `exports.importPath = async () => (await __tsglance_import__('node:path')).basename('/a/b.txt')\n`,
  )
  return file
}

const cacheDirOf = (dir: string) => join(dir, 'cache', 'tsglance', 'code')

describe('loadWithCodeCache', () => {
  it('runs the file without a cache, then writes one (0600 in a 0700 directory) that the next load takes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-loader-'))
    const file = bundle(dir)
    const cacheFile = codeCacheFile(file, cacheDirOf(dir))

    const first = loadWithCodeCache(file, cacheFile)
    expect(first.usedCodeCache).toBe(false)
    expect((first.exports as { answer(): number }).answer()).toBe(42)
    first.saveCodeCache()
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600)
    expect(statSync(cacheDirOf(dir)).mode & 0o777).toBe(0o700)

    const second = loadWithCodeCache(file, cacheFile)
    expect(second.usedCodeCache).toBe(true)
    const exports = second.exports as { answer(): number; filename: string; importPath(): Promise<string> }
    expect(exports.answer()).toBe(42)
    expect(exports.filename).toBe(file)
    // import() from code compiled out of the cache: the case Node 20's own callback loses.
    await expect(exports.importPath()).resolves.toBe('b.txt')
    const written = statSync(cacheFile).mtimeMs
    second.saveCodeCache()
    expect(statSync(cacheFile).mtimeMs).toBe(written)
  })

  it('registers the module with require, so a later require() of the file gets the same exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-loader-'))
    const file = bundle(dir)
    const loaded = loadWithCodeCache(file, undefined)
    expect(createRequire(file)(file)).toBe(loaded.exports)
  })

  it('does not use a damaged cache file (V8 would: it checks no bytes), and replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-loader-'))
    const file = bundle(dir)
    const cacheFile = codeCacheFile(file, cacheDirOf(dir))
    loadWithCodeCache(file, cacheFile).saveCodeCache()
    const good = readFileSync(cacheFile)
    writeFileSync(cacheFile, Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 7)]))

    const loaded = loadWithCodeCache(file, cacheFile)
    expect(loaded.usedCodeCache).toBe(false)
    expect((loaded.exports as { answer(): number }).answer()).toBe(42)
    loaded.saveCodeCache()
    expect(loadWithCodeCache(file, cacheFile).usedCodeCache).toBe(true)
  })

  it('names the cache after the build: another size or modification time is another file, and the old one is removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-loader-'))
    const file = bundle(dir)
    const oldCache = codeCacheFile(file, cacheDirOf(dir))
    loadWithCodeCache(file, oldCache).saveCodeCache()

    bundle(dir, 4242)
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    const newCache = codeCacheFile(file, cacheDirOf(dir))
    expect(newCache).not.toBe(oldCache)
    const loaded = loadWithCodeCache(file, newCache)
    expect(loaded.usedCodeCache).toBe(false)
    expect((loaded.exports as { answer(): number }).answer()).toBe(4242)
    loaded.saveCodeCache()
    expect(readdirSync(cacheDirOf(dir))).toEqual([newCache.split('/').pop()])
  })

  it('still runs when the cache cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-loader-'))
    const file = bundle(dir)
    const blocked = join(dir, 'not-a-directory')
    writeFileSync(blocked, '')
    chmodSync(blocked, 0o400)
    const cacheFile = codeCacheFile(file, join(blocked, 'code'))
    const loaded = loadWithCodeCache(file, cacheFile)
    expect(() => loaded.saveCodeCache()).not.toThrow()
    expect(existsSync(cacheFile)).toBe(false)
    expect((loaded.exports as { answer(): number }).answer()).toBe(42)
  })
})
