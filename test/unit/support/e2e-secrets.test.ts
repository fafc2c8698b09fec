/**
 * The e2e suites' secret scan (test/e2e/support/secrets.ts), which every
 * tsglance run goes through: it must catch a registered credential or any
 * Keystone token in either stream, and never quote the secret it found.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'

type SecretsModule = typeof import('../../e2e/support/secrets.js')
let secrets: SecretsModule

const STACK_PASSWORD = 'stack-password-0123'
const APP_SECRET = 'app-credential-secret-4567'
const FERNET = `gAAAAAB${'x'.repeat(40)}`

const result = (stdout: string, stderr = '') => ({ stdout, stderr, stdoutBytes: Buffer.from(stdout), code: 0 })

beforeAll(async () => {
  // A stack dir of its own, so the test does not depend on (or read) a real stack.
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-secrets-unit-'))
  writeFileSync(join(dir, 'stack.json'), JSON.stringify({ users: { demo: { password: STACK_PASSWORD } }, app_credential: { secret: APP_SECRET } }))
  vi.stubEnv('TSGLANCE_STACK_DIR', dir)
  vi.resetModules()
  secrets = await import('../../e2e/support/secrets.js')
})

describe('the e2e secret scan', () => {
  it('finds the stack passwords and the application credential secret, and names them without quoting', () => {
    expect(secrets.describeLeak(`x ${STACK_PASSWORD} y`)).toBe('the password of stack user demo')
    expect(secrets.describeLeak(`"secret": "${APP_SECRET}"`)).toBe('the application credential secret')
  })

  it('finds a registered token, and any Fernet token nobody registered', () => {
    secrets.registerSecret('registered-token-abcdef', 'a token of stack user demo')
    expect(secrets.describeLeak('X-Auth-Token: registered-token-abcdef')).toBe('a token of stack user demo')
    expect(secrets.describeLeak(`X-Auth-Token: ${FERNET}`)).toBe('a Keystone token')
  })

  it('passes clean output, digests included', () => {
    expect(secrets.describeLeak('X-Auth-Token: {SHA256}0123456789abcdef')).toBeUndefined()
    expect(() => secrets.assertNoSecretShown(result('| id | name |', 'REQ: curl ...'), ['image-list'])).not.toThrow()
  })

  it('fails a run that printed one, masking the secret in the command line it reports', () => {
    const run = () => secrets.assertNoSecretShown(result('', `token ${FERNET}`), ['--os-password', STACK_PASSWORD, 'image-list'])
    expect(run).toThrow('SECRET LEAKED: tsglance printed a Keystone token on stderr (tsglance --os-password *** image-list)')
    expect(run).not.toThrow(STACK_PASSWORD)
  })
})
