/**
 * The real Keystone + Glance the e2e suites run against, brought up by
 * scripts/glance-stack/up.sh. Its state dir holds the openrc files and
 * clouds.yaml the tests authenticate with. A missing stack fails the suite
 * (it never silently skips).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const STACK_DIR = process.env.TSGLANCE_STACK_DIR ?? '/tmp/tsglance-stack'

export type StackUser = 'admin' | 'demo' | 'alt'

export function requireStack(): void {
  if (!existsSync(join(STACK_DIR, 'admin-openrc'))) {
    throw new Error(`No test stack at ${STACK_DIR}: run scripts/glance-stack/up.sh first (or set TSGLANCE_STACK_DIR)`)
  }
}

/** The OS_* variables of a user's openrc file. */
export function openrc(user: StackUser): Record<string, string> {
  requireStack()
  const env: Record<string, string> = {}
  for (const line of readFileSync(join(STACK_DIR, `${user}-openrc`), 'utf8').split('\n')) {
    const m = /^export (OS_[A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  return env
}

export const cloudsYaml = (): string => join(STACK_DIR, 'clouds.yaml')

/** The Glance URL of the stack (from the catalog the stack registered). */
export function glanceUrl(): string {
  return process.env.TSGLANCE_GLANCE_URL ?? `http://127.0.0.1:${process.env.GLANCE_PORT ?? 9292}`
}
