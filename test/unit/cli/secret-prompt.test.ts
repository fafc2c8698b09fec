import { describe, expect, it, vi } from 'vitest'
import { PassThrough } from 'node:stream'
import { promptForMissingSecrets, readSecret } from '../../../src/cli/secret-prompt.js'
import type { AuthFields } from '../../../src/sdk/auth/types.js'

/** A stand-in for a TTY stdin: keystrokes pushed by the test, raw mode recorded. */
function fakeTty() {
  const stream = new PassThrough() as PassThrough & { setRawMode: (raw: boolean) => void }
  const rawModes: boolean[] = []
  stream.setRawMode = (raw) => void rawModes.push(raw)
  return { stdin: stream as unknown as NodeJS.ReadStream, type: (keys: string) => stream.write(keys), rawModes }
}

describe('readSecret', () => {
  // The prompt goes to /dev/tty or stderr; keep test output clean.
  const quiet = () => vi.spyOn(process.stderr, 'write').mockImplementation(() => true)

  it('reads up to Enter with echo off, applying backspaces, and restores the terminal', async () => {
    const spy = quiet()
    const tty = fakeTty()
    const answer = readSecret('OS Password: ', tty.stdin)
    tty.type('pa')
    tty.type('sx\u007fs\r')
    expect(await answer).toBe('pass')
    expect(tty.rawModes).toEqual([true, false])
    spy.mockRestore()
  })

  it('Ctrl-D answers nothing', async () => {
    const spy = quiet()
    const tty = fakeTty()
    const answer = readSecret('OS Password: ', tty.stdin)
    tty.type('\u0004')
    expect(await answer).toBeUndefined()
    spy.mockRestore()
  })
})

describe('promptForMissingSecrets', () => {
  const user: AuthFields = { authType: 'password', username: 'demo', authUrl: 'http://k/v3' }

  it('never prompts without a TTY, without a username, or for a token used with an image URL', async () => {
    const cases: [AuthFields, string | undefined, boolean][] = [
      [{ ...user }, undefined, false],
      [{ ...user, username: undefined }, undefined, true],
      [{ ...user, token: 't' }, 'http://glance', true],
      [{ ...user, authType: 'v3applicationcredential' }, undefined, true],
    ]
    for (const [auth, imageUrl, isTty] of cases) {
      await promptForMissingSecrets(auth, imageUrl, isTty)
      expect(auth.password).toBeUndefined()
      expect(auth.passcode).toBeUndefined()
    }
  })
})
