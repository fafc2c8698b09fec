/**
 * Every credential the e2e suites know of, and the check that tsglance never
 * prints one: the stack's passwords and application-credential secret (from
 * its stack.json), and each token a test obtained (registered here by
 * whoever fetched it). `run.ts` applies the check to every tsglance run of
 * every suite, so a leak fails the run that printed it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { RunResult } from './run.js'

const STACK_JSON = join(process.env.TSGLANCE_STACK_DIR ?? '/tmp/tsglance-stack', 'stack.json')

/** What a secret is, for the failure message: the value itself is never repeated. */
const registered = new Map<string, string>()

/** Add a credential (a token a test fetched, a secret it made) to those no output may contain. */
export function registerSecret(value: string, what: string): void {
  // Shorter values would match ordinary output by chance; real credentials are far longer.
  if (value.length >= 8) registered.set(value, what)
}

let stackSecrets: Map<string, string> | undefined

interface StackJson {
  users?: Record<string, { password?: string }>
  app_credential?: { secret?: string }
}

function secretsOfStack(): Map<string, string> {
  if (stackSecrets) return stackSecrets
  stackSecrets = new Map()
  if (!existsSync(STACK_JSON)) return stackSecrets
  const stack = JSON.parse(readFileSync(STACK_JSON, 'utf8')) as StackJson
  for (const [user, { password }] of Object.entries(stack.users ?? {})) {
    if (password) stackSecrets.set(password, `the password of stack user ${user}`)
  }
  if (stack.app_credential?.secret) stackSecrets.set(stack.app_credential.secret, 'the application credential secret')
  return stackSecrets
}

/** Every known secret with what it is. */
export function knownSecrets(): Map<string, string> {
  return new Map([...secretsOfStack(), ...registered])
}

/** A Keystone token nobody registered (one tsglance fetched itself): Fernet (`gAAAAA…`) or JWS. */
export const KEYSTONE_TOKEN = /gAAAAA[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/

/** What in `text` is secret, described (never quoted); undefined when nothing is. `extra`: one-off values (a wrong password). */
export function describeLeak(text: string, extra: readonly string[] = []): string | undefined {
  for (const [secret, what] of knownSecrets()) if (text.includes(secret)) return what
  const index = extra.findIndex((secret) => text.includes(secret))
  if (index >= 0) return `extra secret #${index + 1}`
  if (KEYSTONE_TOKEN.test(text)) return 'a Keystone token'
  return undefined
}

/** Test assertion: neither stream shows a known secret, one of `extra`, or any Keystone token. */
export function expectNoSecrets(result: RunResult, extra: readonly string[] = []): void {
  for (const secret of extra) expect(secret.length).toBeGreaterThan(3)
  expect({ stdout: describeLeak(result.stdout, extra), stderr: describeLeak(result.stderr, extra) }).toEqual({ stdout: undefined, stderr: undefined })
}

/** The stack's application credential (for demo), as stack.json records it. */
export function stackAppCredential(): { id: string; name: string; secret: string; user: string } {
  const credential = (JSON.parse(readFileSync(STACK_JSON, 'utf8')) as { app_credential: { id: string; name: string; secret: string; user: string } }).app_credential
  return { id: credential.id, name: credential.name, secret: credential.secret, user: credential.user }
}

/** The command line with its secrets masked, fit for a failure message. */
function maskedArgs(args: readonly string[]): string {
  const secrets = [...knownSecrets().keys()]
  return args.map((arg) => (secrets.some((s) => arg.includes(s)) || KEYSTONE_TOKEN.test(arg) ? '***' : arg)).join(' ')
}

/** A token header whose value is not shown as its digest (`{SHA256}…`), as --debug must show them. */
const UNREDACTED_TOKEN_HEADER = /(X-Auth-Token|X-Subject-Token|X-Service-Token):\s*(?!\{SHA256\})\S/i

/**
 * Throw when either stream of a tsglance run, or the request log it wrote
 * (TSGLANCE_DEBUG_LOG: what --debug shows, for every run of every suite),
 * shows a credential or a token header that is not a digest.
 */
export function assertNoSecretShown(result: RunResult, args: readonly string[], debugLog = ''): RunResult {
  const texts = { stdout: result.stdout, stderr: result.stderr, 'the --debug log': debugLog }
  for (const [where, text] of Object.entries(texts)) {
    const leak = describeLeak(text)
    if (leak) throw new Error(`SECRET LEAKED: tsglance printed ${leak} on ${where} (tsglance ${maskedArgs(args)})`)
  }
  const header = UNREDACTED_TOKEN_HEADER.exec(debugLog)
  if (header) throw new Error(`SECRET LEAKED: the --debug log shows ${header[1]} other than as {SHA256} (tsglance ${maskedArgs(args)})`)
  return result
}
