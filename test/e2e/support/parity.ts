/**
 * Side-by-side runs of the real `glance` and `tsglance` and the comparison
 * the parity suites make: same exit code, same stdout (masked, so ids and
 * timestamps of the two tools' own images may differ), and the same stderr
 * where glance words the message itself (docs/decisions/0001).
 */
import { expect } from 'vitest'
import { mask } from './mask.js'
import { glance, tsglance, type RunOptions, type RunResult } from './run.js'
import { openrc, type StackUser } from './stack.js'

export interface Pair {
  glance: RunResult
  tsglance: RunResult
}

export type Tool = keyof Pair

export interface PairOptions extends Omit<RunOptions, 'env'> {
  /** Whose openrc both tools run with (default demo). */
  user?: StackUser
  env?: Record<string, string>
}

function runOptions(options: PairOptions): RunOptions {
  const { user = 'demo', env, ...rest } = options
  return { ...rest, env: { ...openrc(user), ...env } }
}

/**
 * Run glance, then tsglance. `args` is either the same argv for both, or a
 * function giving each tool its own (e.g. each updating its own image).
 */
export async function runBoth(args: string[] | ((tool: Tool) => string[]), options: PairOptions = {}): Promise<Pair> {
  const argsFor = typeof args === 'function' ? args : () => args
  const opts = runOptions(options)
  const g = await glance(argsFor('glance'), opts)
  const t = await tsglance(argsFor('tsglance'), opts)
  return { glance: g, tsglance: t }
}

/**
 * glance names missing `--container-format`/`--disk-format` in Python set
 * order, which changes between runs; tsglance sorts them
 * (docs/decisions/0001). Sort glance's list so the rest of the line compares.
 */
export function sortMissingFormats(stderr: string): string {
  return stderr.replace(/Must provide ((?:--[a-z-]+, )*--[a-z-]+) when/g, (_m, list: string) => `Must provide ${list.split(', ').sort().join(', ')} when`)
}

/** What of stderr must match: all of it, its first line (schema validation, decisions/0001), or nothing (usage errors). */
export type StderrRule = 'equal' | 'first-line' | 'ignore'

export interface ParityExpectation {
  /** The exit code glance is expected to give; tsglance must give the same. */
  code: number
  stderr?: StderrRule
  /**
   * The tools showed different objects (each its own new image): compare
   * with ids and timestamps masked and tables unwrapped (default). Off for
   * outputs where both show the same server objects: then every byte,
   * ids included, must match.
   */
  masked?: boolean
  /** Extra per-run strings or patterns to mask (same width). */
  maskExtra?: (string | RegExp)[]
}

const firstLine = (text: string) => text.split('\n')[0]

/**
 * A `Property | Value` table as `property: value` lines, continuation lines
 * joined and whitespace inside values dropped; any other text unchanged.
 * Tables of two images that differ only in their ids can still wrap
 * differently (textwrap may break a UUID at `ab-cd`), so tables of
 * different images are compared in this form, and the bytes of each table
 * against glance's rendering of the same image (expectImageParity).
 */
export function tableRows(text: string): string {
  const lines = text.split('\n')
  const border = /^\+(-+)\+(-+)\+$/.exec(lines[0])
  if (!border || !/^\| Property +\| Value +\|$/.test(lines[1] ?? '')) return text
  const keyWidth = border[1].length - 2
  const rows: [string, string][] = []
  for (const line of lines.slice(3)) {
    if (!line.startsWith('| ')) continue
    const key = line.slice(2, 2 + keyWidth).trim()
    const value = line.slice(2 + keyWidth + 3, -2).replace(/\s+/g, '')
    if (key) rows.push([key, value])
    else if (rows.length > 0) rows[rows.length - 1][1] += value
  }
  return rows.map(([key, value]) => `${key}: ${value}`).join('\n')
}

/**
 * Assert parity of one pair. glance's exit code is checked against the
 * expectation first, so a broken setup (both failing the same way) cannot
 * pass as parity.
 */
export function expectParity(pair: Pair, expected: ParityExpectation): Pair {
  const { code, stderr = 'equal', masked = true, maskExtra = [] } = expected
  const norm = (text: string) => (masked ? mask(text, maskExtra) : text)
  const normTable = (text: string) => (masked ? mask(tableRows(text), maskExtra) : text)
  const context = `glance stderr: ${pair.glance.stderr}\ntsglance stderr: ${pair.tsglance.stderr}`
  expect(pair.glance.code, `glance exit code\n${context}`).toBe(code)
  expect(pair.tsglance.code, `tsglance exit code\n${context}`).toBe(code)
  expect(normTable(pair.tsglance.stdout), 'stdout').toBe(normTable(pair.glance.stdout))
  const glanceErr = sortMissingFormats(pair.glance.stderr)
  if (stderr === 'equal') expect(norm(pair.tsglance.stderr), 'stderr').toBe(norm(glanceErr))
  if (stderr === 'first-line') expect(norm(firstLine(pair.tsglance.stderr)), 'stderr first line').toBe(norm(firstLine(glanceErr)))
  return pair
}

/**
 * Parity of two commands that each print their own image (create, update):
 * the tables match field by field (masked, see tableRows), and tsglance's
 * table is byte for byte what `glance image-show` prints for its image.
 */
export async function expectImageParity(pair: Pair, expected: ParityExpectation & { user?: StackUser }): Promise<Pair> {
  expectParity(pair, expected)
  const id = imageIdOf(pair.tsglance.stdout)
  expect(id, 'tsglance printed an image').toBeDefined()
  const shown = await glance(['image-show', id!], runOptions({ user: expected.user }))
  expect(shown.code, shown.stderr).toBe(0)
  expect(pair.tsglance.stdout, "tsglance's table against glance image-show of the same image").toBe(shown.stdout)
  return pair
}

/** The value of one row of a `Property | Value` table (first line of a wrapped value). */
export function tableValue(table: string, property: string): string | undefined {
  const row = new RegExp(`^\\| ${property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\| (.*?) *\\|$`, 'm').exec(table)
  return row?.[1]
}

/** The id of the image an image-create/-show table describes. */
export function imageIdOf(table: string): string | undefined {
  return /^\| id +\| ([0-9a-f-]{36}) +\|$/m.exec(table)?.[1]
}

/** The ids in the first column of an image-list table. */
export function listedIds(table: string): string[] {
  return [...table.matchAll(/^\| ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) \|/gm)].map((m) => m[1])
}

/**
 * `runBoth` for listings that include images this run does not own (the
 * unfiltered `image-list`): glance runs before and after tsglance, and the
 * pair counts only when both glance runs agree, i.e. nobody changed the
 * server state in between. Retried a few times, then compared regardless.
 */
export async function runBothSettled(args: string[], options: PairOptions = {}, attempts = 4): Promise<Pair> {
  const opts = runOptions(options)
  for (let attempt = 1; ; attempt++) {
    const before = await glance(args, opts)
    const t = await tsglance(args, opts)
    const after = await glance(args, opts)
    if (before.stdout === after.stdout || attempt === attempts) return { glance: after, tsglance: t }
  }
}
