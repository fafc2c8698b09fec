/**
 * The real Keystone + Glance the e2e suites run against, brought up by
 * scripts/glance-stack/up.sh. Its state dir holds the openrc files and
 * clouds.yaml the tests authenticate with. A missing stack fails the suite
 * (it never silently skips).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { authenticate } from '../../../src/sdk/auth/keystone.js'
import type { AuthOptions, KeystoneToken } from '../../../src/sdk/auth/types.js'
import { settingsFromEnv } from '../../../src/sdk/config/environment.js'
import { toConnectionConfig } from '../../../src/sdk/config/settings.js'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { registerSecret } from './secrets.js'

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

/** The SDK's auth options for an openrc's (or any OS_*) variables, as the CLI reads them. */
export function authFromEnv(env: Record<string, string>, overrides: { authUrl?: string } = {}) {
  return toConnectionConfig({ ...settingsFromEnv(env), ...overrides }).auth as AuthOptions
}

export const cloudsYaml = (): string => join(STACK_DIR, 'clouds.yaml')

/**
 * The auth URL of the stack's second Keystone, whose tokens expire within
 * about a minute (same users and catalog as the main one).
 */
export function shortTokenAuthUrl(): string {
  requireStack()
  const stack = JSON.parse(readFileSync(join(STACK_DIR, 'stack.json'), 'utf8')) as { short_token_keystone_url?: string }
  if (!stack.short_token_keystone_url) {
    throw new Error(`The stack at ${STACK_DIR} has no short-token Keystone: re-run scripts/glance-stack/up.sh`)
  }
  return stack.short_token_keystone_url
}

/** The Glance URL of the stack (from the catalog the stack registered). */
export function glanceUrl(): string {
  return process.env.TSGLANCE_GLANCE_URL ?? `http://127.0.0.1:${process.env.GLANCE_PORT ?? 9292}`
}

/** Ids of a stack user, looked up through Keystone (not read from any state file). */
export interface StackIdentity {
  userId: string
  projectId: string
  userDomainId: string
  projectDomainId: string
}

async function withTransport<T>(use: (transport: HttpTransport) => Promise<T>): Promise<T> {
  const transport = new HttpTransport({ userAgent: 'tsglance-e2e' })
  try {
    return await use(transport)
  } finally {
    await transport.close()
  }
}

/** A project-scoped token of a stack user, issued with the user's openrc credentials. */
export async function issueToken(user: StackUser): Promise<KeystoneToken> {
  const token = await withTransport((transport) => authenticate(transport, authFromEnv(openrc(user))))
  registerSecret(token.token, `a token of stack user ${user}`)
  return token
}

/**
 * The user's and project's ids and domain ids: the user and project ids come
 * from the user's own token, their domains from Keystone's admin API.
 */
export async function stackIdentity(user: StackUser): Promise<StackIdentity> {
  const [own, admin] = await Promise.all([issueToken(user), issueToken('admin')])
  const authUrl = openrc('admin').OS_AUTH_URL.replace(/\/+$/, '').replace(/\/v3$/, '')
  return withTransport(async (transport) => {
    const get = async <T>(path: string): Promise<T> => {
      const res = await transport.send({ method: 'GET', url: `${authUrl}/v3${path}`, headers: { 'X-Auth-Token': admin.token }, expect: [200] })
      return res.json<T>()
    }
    const { user: userRecord } = await get<{ user: { domain_id: string } }>(`/users/${own.userId}`)
    const { project } = await get<{ project: { domain_id: string } }>(`/projects/${own.projectId}`)
    return { userId: own.userId!, projectId: own.projectId!, userDomainId: userRecord.domain_id, projectDomainId: project.domain_id }
  })
}
