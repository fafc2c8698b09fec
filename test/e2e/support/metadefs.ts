/**
 * Namespaces the metadefs suites create, and how their outputs compare.
 *
 * Every namespace of a run is named `<prefix>-<tag>-<suffix>`: `g` and `t`
 * for the one each tool works on (glance's and tsglance's, so a create or a
 * delete by one never disturbs the other), `f` for fixtures both read. The
 * tags have the same width, so the two tools' tables line up byte for byte
 * once the tag, ids and timestamps are masked. Everything is made as admin
 * (only admin may create namespaces), fixtures with the real `glance`, and
 * cleanup deletes by prefix through Glance's API, unprotecting first.
 */
import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { mask } from './mask.js'
import { runBoth, type Pair, type PairOptions, type StderrRule, type Tool } from './parity.js'
import { glanceApi, glanceRequest } from './rest.js'
import { glance, type RunResult } from './run.js'
import { openrc } from './stack.js'

export const admin = { env: openrc('admin') }

/** `glance <args>` as admin; throws with glance's stderr unless it exits 0. */
export async function glanceOk(args: string[]): Promise<RunResult> {
  const res = await glance(args, admin)
  if (res.code !== 0) throw new Error(`glance ${args.join(' ')} failed (${res.code}): ${res.stderr}`)
  return res
}

/** The names in the first column of a list table (continuation lines of wrapped rows skipped). */
export function firstColumn(table: string): string[] {
  return table
    .split('\n')
    .slice(3, -2)
    .map((line) => line.split('|')[1]?.trim() ?? '')
    .filter((name) => name !== '')
}

export class NamespaceLedger {
  readonly prefix: string

  constructor(label: string) {
    this.prefix = `tsgm-${label}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`
  }

  /** A namespace name of this run: `tool`'s own, or a fixture (`f`) both tools read. */
  name(owner: Tool | 'f', suffix: string): string {
    return `${this.prefix}-${owner === 'f' ? 'f' : owner[0]}-${suffix}`
  }

  /** Each tool's own namespace of this suffix. */
  pair(suffix: string): Record<Tool, string> {
    return { glance: this.name('glance', suffix), tsglance: this.name('tsglance', suffix) }
  }

  /** The one-character tag telling the tools' namespaces apart, for masking. */
  get toolTag(): RegExp {
    return new RegExp(`(?<=${this.prefix}-)[gt](?=-)`, 'g')
  }

  /** Namespaces of this run that still exist (as admin lists them through Glance's API). */
  async remaining(): Promise<string[]> {
    const names: string[] = []
    let next: string | undefined = '/v2/metadefs/namespaces?limit=1000'
    while (next) {
      const page: { namespaces: { namespace: string }[]; next?: string } = await glanceApi('admin', 'GET', next)
      names.push(...page.namespaces.map((ns) => ns.namespace).filter((name) => name.startsWith(this.prefix)))
      next = page.next
    }
    return names
  }

  /** Delete every namespace of this run (unprotected first if need be); fails loudly if any survives. */
  async cleanup(): Promise<void> {
    for (const name of await this.remaining()) {
      const path = `/v2/metadefs/namespaces/${encodeURIComponent(name)}`
      if ((await glanceRequest('admin', 'DELETE', path)).status !== 403) continue
      await glanceApi('admin', 'PUT', path, { json: { namespace: name, protected: false } })
      await glanceRequest('admin', 'DELETE', path)
    }
    const left = await this.remaining()
    if (left.length > 0) throw new Error(`namespaces of run ${this.prefix} left behind: ${left.join(', ')}`)
  }
}

export interface MetadefParity {
  code: number
  stderr?: StderrRule
}

/**
 * Same exit code, the same stdout byte for byte once the tool tag, ids and
 * timestamps are masked (each same-width), and stderr by `rule`: all of it,
 * its first line (jsonschema's dump, decisions/0001), or none of it.
 */
export function expectMetadefParity(pair: Pair, ledger: NamespaceLedger, { code, stderr = 'equal' }: MetadefParity): Pair {
  const norm = (text: string) => mask(text, [ledger.toolTag])
  const context = `glance stderr: ${pair.glance.stderr}\ntsglance stderr: ${pair.tsglance.stderr}`
  expect(pair.glance.code, `glance exit code\n${context}`).toBe(code)
  expect(pair.tsglance.code, `tsglance exit code\n${context}`).toBe(code)
  expect(norm(pair.tsglance.stdout), 'stdout').toBe(norm(pair.glance.stdout))
  const firstLine = (text: string) => text.split('\n')[0]
  if (stderr === 'equal') expect(norm(pair.tsglance.stderr), 'stderr').toBe(norm(pair.glance.stderr))
  if (stderr === 'first-line') expect(norm(firstLine(pair.tsglance.stderr)), 'stderr first line').toBe(norm(firstLine(pair.glance.stderr)))
  return pair
}

/** Run both tools as admin (each with its own argv when given a function) and expect parity. */
export async function bothAdmin(
  ledger: NamespaceLedger,
  args: string[] | ((tool: Tool) => string[]),
  expected: MetadefParity,
  options: PairOptions = {},
): Promise<Pair> {
  return expectMetadefParity(await runBoth(args, { user: 'admin', ...options }), ledger, expected)
}
