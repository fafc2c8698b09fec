/**
 * The password prompt, through a pseudo-terminal: with a username, no
 * password and a TTY on stdin, glance asks "OS Password: " without echo;
 * tsglance does the same, and the same for a TOTP passcode (keystoneauth's
 * "TOTP passcode: "). Compared with the real glance where glance prompts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTotpUser, deleteUser, type TotpUser } from './support/keystone-admin.js'
import { glanceOnPty, tsglanceOnPty } from './support/pty.js'
import { openrc, requireStack } from './support/stack.js'
import { totpPasscode } from './support/totp.js'

requireStack()

/** Every run must authenticate with what was typed, not reuse a cached token. */
const NO_CACHE = { TSGLANCE_NO_TOKEN_CACHE: '1' }
const { OS_PASSWORD: DEMO_PASSWORD, ...DEMO_WITHOUT_PASSWORD } = openrc('demo')
const TABLE_HEADER = /\+-+\+-+\+\r\n\| ID +\| Name +\|\r\n/

let totpUser: TotpUser

beforeAll(async () => {
  totpUser = await createTotpUser(`auth-prompt-${process.pid}-${Date.now()}`)
})

afterAll(async () => {
  if (totpUser) await deleteUser(totpUser.id)
})

describe('OS Password: prompt on a TTY', () => {
  it('asks as glance does, does not echo, and authenticates with the answer', async () => {
    const answers = [['OS Password: ', `${DEMO_PASSWORD}\r`]] as const
    const [ours, theirs] = await Promise.all([
      tsglanceOnPty(['image-list'], { ...DEMO_WITHOUT_PASSWORD, ...NO_CACHE }, [...answers]),
      glanceOnPty(['image-list'], DEMO_WITHOUT_PASSWORD, [...answers]),
    ])
    expect(theirs.transcript.startsWith('OS Password: \r\n')).toBe(true)
    expect(ours.transcript.startsWith('OS Password: \r\n')).toBe(true)
    expect(ours.transcript).not.toContain(DEMO_PASSWORD)
    expect(ours.transcript).toMatch(TABLE_HEADER)
    expect(ours.code).toBe(0)
  })

  it('Ctrl-D at the prompt: glance\'s "You must provide a password" line, identical transcript', async () => {
    const answers = [['OS Password: ', '\x04']] as const
    const [ours, theirs] = await Promise.all([
      tsglanceOnPty(['image-list'], { ...DEMO_WITHOUT_PASSWORD, ...NO_CACHE }, [...answers]),
      glanceOnPty(['image-list'], DEMO_WITHOUT_PASSWORD, [...answers]),
    ])
    expect(ours).toEqual(theirs)
    expect(ours.transcript).toBe('OS Password: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\r\n')
    expect(ours.code).toBe(1)
  })

  it('a wrong password typed: Keystone\'s 401, and the typed text is not shown', async () => {
    const typed = 'typed-wrong-4711'
    const ours = await tsglanceOnPty(['image-list'], { ...DEMO_WITHOUT_PASSWORD, ...NO_CACHE }, [['OS Password: ', `${typed}\r`]])
    expect(ours.code).toBe(1)
    expect(ours.transcript).not.toContain(typed)
    expect(ours.transcript).toMatch(/^OS Password: \r\nThe request you have made requires authentication\. \(HTTP 401\)/)
  })

  it('Ctrl-C at the prompt: exit 130 and "... terminating", as glance', async () => {
    const answers = [['OS Password: ', 'dem\x03']] as const
    const [ours, theirs] = await Promise.all([
      tsglanceOnPty(['image-list'], { ...DEMO_WITHOUT_PASSWORD, ...NO_CACHE }, [...answers]),
      glanceOnPty(['image-list'], DEMO_WITHOUT_PASSWORD, [...answers]),
    ])
    expect(theirs.code).toBe(130)
    expect(ours.code).toBe(130)
    // The same line, up to the program's name (base-command's "... terminating tsglance").
    expect(theirs.transcript).toBe('OS Password: ... terminating glance client\r\n')
    expect(ours.transcript).toBe('OS Password: ... terminating tsglance\r\n')
  })

  it('a password already given: no prompt', async () => {
    const ours = await tsglanceOnPty(['image-list'], { ...DEMO_WITHOUT_PASSWORD, ...NO_CACHE, OS_PASSWORD: DEMO_PASSWORD })
    expect(ours.code).toBe(0)
    expect(ours.transcript).not.toContain('OS Password:')
    expect(ours.transcript).toMatch(TABLE_HEADER)
  })
})

describe('TOTP passcode: prompt on a TTY (v3totp)', () => {
  it('asks for the passcode and authenticates with it', async () => {
    const env = { ...totpUser.env, ...NO_CACHE, OS_AUTH_TYPE: 'v3totp' }
    // Computed when the prompt is answered would be better, but Keystone also
    // accepts the previous 30 s window, so a code made now is still good then.
    const ours = await tsglanceOnPty(['image-list'], env, [['TOTP passcode: ', `${totpPasscode(totpUser.totpSecret)}\r`]])
    expect(ours.transcript.startsWith('TOTP passcode: \r\n')).toBe(true)
    expect(ours.transcript).toMatch(TABLE_HEADER)
    expect(ours.code).toBe(0)
  })
})
