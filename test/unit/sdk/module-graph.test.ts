/**
 * An SDK user loads only the SDK: nothing reachable from src/sdk/index.ts
 * (static imports, re-exports, dynamic import()s, type imports too) lies
 * outside src/sdk/, and the packages it names are the package's runtime
 * dependencies minus the CLI's. The built entry (dist/sdk/index.js), when
 * there is one, is loaded for real and the modules it resolves are listed.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const SDK_ENTRY = join(ROOT, 'src/sdk/index.ts')
const BUILT_ENTRY = join(ROOT, 'dist/sdk/index.js')
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
/**
 * Runtime dependencies only the CLI uses, although dist/cli.cjs carries oclif:
 * oclif resolves the autocomplete plugin from node_modules, the plugin loads
 * its own @oclif/core (pinned to the bundled version), and the bundled
 * oclif imports @oclif/core's wsl-utils on every run
 * (docs/decisions/0022-sdk-only-install.md).
 */
const CLI_ONLY_DEPENDENCIES = ['@oclif/core', '@oclif/plugin-autocomplete']

/** `@scope/name/sub/path` → `@scope/name`, `undici/lib/x.js` → `undici`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

/** What a file's import and export declarations, import() calls and `import('x').T` types name. */
function moduleSpecifiers(file: string): string[] {
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      // A computed specifier could name anything: the check would be blind to it.
      if (!argument || !ts.isStringLiteral(argument)) throw new Error(`${file}: import() of a computed specifier`)
      found.push(argument.text)
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true))
  return found
}

/** Every source file reachable from `entry` through its imports, and the packages they import. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of moduleSpecifiers(file)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
      else if (!isBuiltin(specifier)) packages.add(packageName(specifier))
    }
  }
  return { files: [...files].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() }
}

describe('the SDK module graph', () => {
  const graph = importGraph(SDK_ENTRY)

  it('reaches only files under src/sdk (no src/cli, no src/commands)', () => {
    expect(graph.files.length).toBeGreaterThan(30)
    expect(graph.files.filter((file) => !file.startsWith('src/sdk/'))).toEqual([])
  })

  it('imports only runtime dependencies, and none of the CLI\'s (oclif, ora)', () => {
    expect(graph.packages).not.toContain('ora')
    expect(graph.packages.filter((name) => name.startsWith('@oclif/'))).toEqual([])
    const dependencies = Object.keys(PACKAGE.dependencies)
    expect(graph.packages.filter((name) => !dependencies.includes(name))).toEqual([])
    // A dependency neither the SDK nor the CLI's run time needs belongs in devDependencies (the CLI bundle carries it).
    expect(dependencies.filter((name) => !graph.packages.includes(name)).sort()).toEqual(CLI_ONLY_DEPENDENCIES)
  })

  it.skipIf(!existsSync(BUILT_ENTRY))('loaded from dist/, resolves no CLI module, oclif or ora', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsglance-module-graph-'))
    const log = join(dir, 'modules.txt')
    try {
      execFileSync(process.execPath, ['--import', pathToFileURL(join(ROOT, 'test/support/module-log.mjs')).href, '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(BUILT_ENTRY).href)})`], {
        env: { ...process.env, TSGLANCE_MODULE_LOG: log },
      })
      const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean)
      expect(loaded).toContain(pathToFileURL(BUILT_ENTRY).href)
      expect(loaded.filter((url) => /\/dist\/(cli|commands)[/.]|\/node_modules\/(@oclif|ora)\//.test(url))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
