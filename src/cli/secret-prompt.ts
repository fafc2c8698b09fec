import { openSync, writeSync, closeSync } from 'node:fs'
import type { AuthFields } from '../sdk/auth/types.js'

/** What a prompt answered: the text typed, or nothing (Ctrl-D, or no TTY). */
type Answer = string | undefined

/** Thrown when the user presses Ctrl-C at a prompt, after the SIGINT handlers have run. */
export class PromptInterrupted extends Error {
  override name = 'PromptInterrupted'
}

const CTRL_C = '\u0003'
const CTRL_D = '\u0004'
const BACKSPACES = new Set(['\u007f', '\b'])

/**
 * Where the prompt text goes: the controlling terminal, like Python's
 * getpass, so it shows even when stderr is redirected; stderr otherwise.
 */
function writeToTerminal(text: string): void {
  try {
    const fd = openSync('/dev/tty', 'w')
    try {
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
  } catch {
    process.stderr.write(text)
  }
}

/**
 * Read one line from the TTY on stdin without echoing it (Python's
 * `getpass.getpass`). Ctrl-D answers nothing; Ctrl-C runs the SIGINT handlers, so
 * the command ends the way any interrupted command does.
 */
export function readSecret(prompt: string, stdin: NodeJS.ReadStream = process.stdin): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let typed = ''
    // getpass ends the line only for Enter: on Ctrl-D or Ctrl-C the next
    // message follows the prompt on the same line, and so does ours.
    const finish = (endLine: boolean, settle: () => void) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      if (endLine) writeToTerminal('\n')
      settle()
    }
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(true, () => resolve(typed))
        if (char === CTRL_D) return finish(false, () => resolve(typed || undefined))
        if (char === CTRL_C) {
          return finish(false, () => {
            // Synchronously, so the command's SIGINT handler has marked the run
            // as interrupted (exit 130) before this rejection reaches it.
            process.emit('SIGINT', 'SIGINT')
            reject(new PromptInterrupted('Interrupted at the prompt'))
          })
        }
        typed = BACKSPACES.has(char) ? typed.slice(0, -1) : typed + char
      }
    }
    // Echo goes off before the prompt shows, as getpass does, so nothing typed early is echoed.
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
    writeToTerminal(prompt)
  })
}

/** Does this auth type send the method whose secret is missing? */
function sendsMethod(auth: AuthFields, method: 'password' | 'totp'): boolean {
  if (auth.authType === 'v3multifactor') return auth.authMethods?.includes(method) ?? false
  return auth.authType === (method === 'password' ? 'password' : 'v3totp')
}

/**
 * glance's shell: with a username, no password and a TTY on stdin, ask
 * "OS Password: " (Ctrl-D leaves it unset, and the usual "You must provide
 * a password" follows). keystoneauth's TOTP option prompts "TOTP passcode: "
 * the same way. A token used with --os-image-url never needs either.
 */
export async function promptForMissingSecrets(auth: AuthFields, imageUrl: string | undefined, isTty = process.stdin.isTTY === true): Promise<void> {
  if (!isTty || (auth.token && imageUrl)) return
  // glance asks for the username first; without one there is nothing to prompt for.
  if (!auth.username && !auth.userId) return
  if (!auth.password && sendsMethod(auth, 'password')) auth.password = await readSecret('OS Password: ')
  if (!auth.passcode && sendsMethod(auth, 'totp')) auth.passcode = await readSecret('TOTP passcode: ')
}
