/**
 * Loads and runs the CLI bundle (dist/cli.cjs: every command, oclif and
 * undici in one CommonJS file, built by rolldown.config.mjs) with V8's code
 * cache.
 *
 * Start-up is most of a short command's time: Node alone takes ~65 ms here,
 * and resolving, reading and compiling the ~270 files of oclif, undici and
 * our own modules took ~190 ms more. One file removes the resolving and
 * reading; the code cache (what Node 22's module.enableCompileCache does,
 * which Node 20 lacks) removes most of the compiling: the bytecode V8
 * produced for the bundle in an earlier run is kept in the user's cache
 * directory and handed back to V8, which checks it belongs to this V8
 * version and flags before using it. Figures: docs/performance.md; the
 * choice: docs/decisions/0017-cli-bundle-and-code-cache.md.
 *
 * Node built-ins only: this module runs before the bundle is loaded.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { tsglanceCacheHome } from '../sdk/config/cache-home.js'

/** What the bundle's entry (src/cli/main.ts) exports, as far as bin/run.js uses it. */
interface CliBundle {
  main(argv: readonly string[], root: string): Promise<void>
}

const BUNDLE = fileURLToPath(new URL('../cli.cjs', import.meta.url))
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url))

/** Runs `tsglance <argv>` from the bundle, with the code cache under the user's tsglance cache directory. */
export async function runBundledCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const loaded = loadWithCodeCache(BUNDLE, codeCacheFile(BUNDLE, join(tsglanceCacheHome(env), 'code')))
  // Saved at exit, not now: by then V8 has also compiled the functions this
  // command ran, and they go into the cache too.
  process.once('exit', loaded.saveCodeCache)
  await (loaded.exports as CliBundle).main(argv, BUNDLE)
}

/**
 * The cache file for this bundle: its name changes with anything that
 * changes the bundle's bytes (package version, size, modification time) or
 * the V8 that compiled it. V8 itself only checks the source's length, so the
 * name must not be reused for other code.
 */
export function codeCacheFile(bundle: string, directory: string): string {
  const { size, mtimeMs } = statSync(bundle)
  const { version } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }
  const identity = [basename(bundle), version, size, mtimeMs, process.version, process.arch].join('\n')
  return join(directory, `${basename(bundle)}-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}.v8`)
}

export interface LoadedBundle {
  exports: unknown
  /** Whether V8 took the cached bytecode (false on a first run or a rejected cache). */
  usedCodeCache: boolean
  /** Writes the cache if there was none or V8 rejected it; never throws. */
  saveCodeCache(): void
}

/**
 * The bundle's `import()`: code that vm.Script compiled from a code cache
 * cannot call import() itself on Node 20 (its dynamic-import callback is
 * lost; vm's way around that needs --experimental-vm-modules), so
 * rolldown.config.mjs rewrites oclif's import() calls (it loads its plugins,
 * ES modules, that way) to this function, a parameter of the module wrapper.
 */
const IMPORT_PARAMETER = '__tsglance_import__'
const importModule = (specifier: string): Promise<unknown> => import(specifier)

/**
 * Evaluates a CommonJS file as `require` would, but compiled with the
 * bytecode in `cacheFile` when there is a usable one. The module goes into
 * require's cache under its own path, so a later `require` of the file (oclif
 * loads its commands and hooks that way) gets this instance, not a second one.
 */
export function loadWithCodeCache(file: string, cacheFile: string | undefined): LoadedBundle {
  const cachedData = cacheFile === undefined ? undefined : readCodeCache(cacheFile)
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, ${IMPORT_PARAMETER}) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    cachedData,
  })
  const requireFromFile = createRequire(file)
  const module = new Module(file)
  module.filename = file
  requireFromFile.cache[file] = module
  try {
    ;(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireFromFile, module, file, dirname(file), importModule)
  } catch (error) {
    delete requireFromFile.cache[file]
    throw error
  }
  module.loaded = true
  const usedCodeCache = cachedData !== undefined && !script.cachedDataRejected
  return {
    exports: module.exports,
    usedCodeCache,
    saveCodeCache: () => {
      if (cacheFile !== undefined && !usedCodeCache) writeCodeCache(cacheFile, script.createCachedData())
    },
  }
}

/**
 * A cache file is the SHA-256 of the bytecode, then the bytecode. V8 checks a
 * cache's version, flags and source length, but not its bytes: a damaged
 * file (a full disk, a crash mid-write elsewhere) would run as damaged code.
 * A file that does not match its hash is not used (and is replaced).
 */
const DIGEST_BYTES = 32

function readCodeCache(file: string): Buffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const bytecode = bytes.subarray(DIGEST_BYTES)
  return bytes.length > DIGEST_BYTES && sha256(bytecode).equals(bytes.subarray(0, DIGEST_BYTES)) ? bytecode : undefined
}

const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest()

/**
 * Atomic (temporary file, then rename) so that concurrent first runs never
 * read half a cache; 0600 in a 0700 directory like the token cache. Caches of
 * other builds in the directory are removed: they would never be used again.
 * A cache that cannot be written only costs the next run its speed.
 */
function writeCodeCache(cacheFile: string, data: Buffer): void {
  const directory = dirname(cacheFile)
  const prefix = `${basename(cacheFile).split('-')[0]}-`
  const temporary = `${cacheFile}.${process.pid}.tmp`
  let directoryExists = false
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 })
    directoryExists = true
    writeFileSync(temporary, Buffer.concat([sha256(data), data]), { mode: 0o600 })
    renameSync(temporary, cacheFile)
    for (const entry of readdirSync(directory)) {
      if (entry.startsWith(prefix) && entry.endsWith('.v8') && join(directory, entry) !== cacheFile) rmSync(join(directory, entry), { force: true })
    }
  } catch {
    // Best effort by design (see above). Whatever failed (a full disk mid-write
    // included), no temporary file stays behind; once renamed there is none.
    if (directoryExists) rmSync(temporary, { force: true })
  }
}
