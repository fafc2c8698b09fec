/**
 * The package as npm publishes it: `npm pack` of the built tree (run on a
 * built tree as scripts/test-all.sh guarantees; `--ignore-scripts` so the
 * test does not rebuild dist/ under the other suites), installed from the
 * tarball into an empty folder, then used there as a user would: the
 * `tsglance` bin through npx, and the SDK through `import` and `require`
 * (Node >= 20.19 loads our ES module with require(), which has no top-level
 * await). --prefer-offline: the npm cache serves the dependencies; the
 * registry is asked only for what the cache lacks.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImageLedger } from './support/images.js'
import { runProgram, tsglance, type RunResult } from './support/run.js'
import { openrc, requireStack } from './support/stack.js'

requireStack()

const ROOT = resolve(import.meta.dirname, '../..')
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string }
const DEMO_ENV = openrc('demo')
const ledger = new ImageLedger('package')
const workDir = mkdtempSync(join(tmpdir(), 'tsglance-package-e2e-'))
const packDir = join(workDir, 'pack')
const installDir = join(workDir, 'app')
/** The test's HOME is private (support/run.ts); npm still needs the machine's cache to install offline. */
const npmEnv = {
  npm_config_cache: execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim(),
  npm_config_update_notifier: 'false',
}
let packedFiles: string[]

function expectSuccess(res: RunResult, what: string): RunResult {
  expect(res.code, `${what} failed:\n${res.stderr}`).toBe(0)
  return res
}

/** A command in the install folder, with the demo user's OS_* variables. */
const inApp = (program: string[], args: string[]) => runProgram(program, args, { cwd: installDir, env: { ...DEMO_ENV, ...npmEnv } })

/**
 * A script that lists the images named `name` through the installed SDK
 * and prints their count; `load` is how the module system at hand gets
 * GlanceClient (an import declaration or a require call).
 */
function listingScript(load: string, name: string): string {
  return `${load}
async function main() {
  const env = process.env
  const glance = new GlanceClient({
    auth: {
      authUrl: env.OS_AUTH_URL, username: env.OS_USERNAME, password: env.OS_PASSWORD,
      userDomainName: env.OS_USER_DOMAIN_NAME, projectName: env.OS_PROJECT_NAME,
      projectDomainName: env.OS_PROJECT_DOMAIN_NAME,
    },
  })
  try {
    let count = 0
    for await (const image of glance.images.list({ properties: { name: ${JSON.stringify(name)} } })) count++
    console.log('count ' + count)
  } finally {
    await glance.close()
  }
}
main().catch((err) => { console.error(err); process.exitCode = 1 })
`
}

beforeAll(async () => {
  for (const dir of [packDir, installDir]) execFileSync('mkdir', ['-p', dir])
  const pack = expectSuccess(await runProgram(['npm'], ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, env: npmEnv }), 'npm pack')
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[]
  packedFiles = packed.files.map((f) => f.path)
  const tarball = join(packDir, packed.filename)
  expectSuccess(await runProgram(['npm'], ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: installDir, env: npmEnv }), 'npm install')
})

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true })
  await ledger.cleanup()
})

describe('the published package', () => {
  it('holds the built code, the bin, the oclif manifest, README and LICENSE, and nothing else', () => {
    for (const required of ['package.json', 'README.md', 'LICENSE', 'bin/run.js', 'oclif.manifest.json', 'dist/sdk/index.js', 'dist/sdk/index.d.ts', 'dist/cli/base-command.js']) {
      expect(packedFiles).toContain(required)
    }
    const allowed = /^(dist\/|bin\/run\.js$|oclif\.manifest\.json$|package\.json$|README\.md$|LICENSE$)/
    expect(packedFiles.filter((path) => !allowed.test(path))).toEqual([])
    // No sources, tests, source maps or credentials (openrc, clouds.yaml, keys) travel in dist/ either.
    expect(packedFiles.filter((path) => /\.(ts|map)$|\.test\.|openrc|clouds\.ya?ml|\.pem$|\.key$|\.env$/.test(path.replace(/\.d\.ts$/, '')))).toEqual([])
  })

  it('needs no correction by npm publish (which silently drops, e.g., a bin path written "./bin/...")', async () => {
    const res = expectSuccess(await runProgram(['npm'], ['publish', '--dry-run', '--ignore-scripts', '--offline'], { cwd: ROOT, env: npmEnv }), 'npm publish --dry-run')
    expect(res.stderr).not.toMatch(/auto-corrected|corrected:/)
  })

  it('npx tsglance --version prints the package version', async () => {
    const res = expectSuccess(await inApp(['npx'], ['tsglance', '--version']), 'npx tsglance --version')
    expect(res.stdout).toBe(`${PACKAGE.version}\n`)
  })

  it('npx tsglance image-list prints the table the repository CLI prints', async () => {
    const ids = [await ledger.create('listed'), await ledger.create('listed')]
    // Narrowed to this run's images, so other suites' images cannot change the listing between the two runs.
    const args = ['image-list', '--property-filter', `name=${ledger.name('listed')}`]
    const installed = expectSuccess(await inApp(['npx'], ['tsglance', ...args]), 'npx tsglance image-list')
    const repository = expectSuccess(await tsglance(args, { env: DEMO_ENV }), 'bin/run.js image-list')
    expect(installed.stdout).toBe(repository.stdout)
    for (const id of ids) expect(installed.stdout).toContain(`| ${id} |`)
  })

  it('installs no package only the CLI bundle uses (ora is inside dist/cli.cjs), and the CLI still runs', async () => {
    expect(existsSync(join(installDir, 'node_modules/ora'))).toBe(false)
    expect(existsSync(join(installDir, 'node_modules/undici'))).toBe(true)
    // image-list --help runs oclif's command loading and glance's help pages from the bundle.
    const res = expectSuccess(await inApp(['npx'], ['tsglance', 'image-list', '--help']), 'npx tsglance image-list --help')
    expect(res.stdout).toMatch(/^usage: tsglance image-list/)
  })

  it('the installed SDK loads no CLI module, oclif or ora', async () => {
    const log = join(workDir, 'modules.txt')
    const moduleLog = pathToFileURL(join(ROOT, 'test/support/module-log.mjs')).href
    const res = await runProgram([process.execPath], ['--import', moduleLog, '--input-type=module', '-e', "await import('tsglance')"], {
      cwd: installDir,
      env: { TSGLANCE_MODULE_LOG: log },
    })
    expectSuccess(res, 'node -e "import(\'tsglance\')"')
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    expect(loaded).toContain(pathToFileURL(join(installDir, 'node_modules/tsglance/dist/sdk/index.js')).href)
    expect(loaded.filter((url) => /\/dist\/(cli|commands)[/.]|\/node_modules\/(@oclif|ora)\//.test(url))).toEqual([])
  })

  describe.each([
    { kind: 'ES module (import)', file: 'list.mjs', load: "import { GlanceClient } from 'tsglance'" },
    { kind: 'CommonJS (require)', file: 'list.cjs', load: "const { GlanceClient } = require('tsglance')" },
  ])('the SDK from a $kind', ({ file, load }) => {
    it('lists images on the stack', async () => {
      const name = ledger.name(`sdk-${file}`)
      await ledger.create(`sdk-${file}`)
      writeFileSync(join(installDir, file), listingScript(load, name))
      const res = expectSuccess(await inApp([process.execPath], [file]), `node ${file}`)
      expect(res.stdout).toBe('count 1\n')
      // require() of an ES module is stable on Node >= 20.19: no experimental warning either.
      expect(res.stderr).toBe('')
    })
  })
})
