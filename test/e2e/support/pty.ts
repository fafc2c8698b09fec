/**
 * Run a program on a pseudo-terminal (python3's pty module), typing answers
 * as their prompts appear: what a user at a terminal would see and type.
 * The environment is only what the test passes, plus PATH and a private HOME.
 */
import { spawn } from 'node:child_process'
import { TSGLANCE_BIN, privateHome } from './run.js'

/**
 * Forks the program onto a pty, reads its terminal, types each reply once
 * its prompt has shown (in order), and exits with the program's exit code.
 * The transcript (all the terminal showed) goes to stdout.
 */
const PTY_DRIVER = `
import json, os, pty, select, sys
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
transcript, search_from = b'', 0
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    transcript += data
    if answers:
        prompt = answers[0][0].encode()
        found = transcript.find(prompt, search_from)
        if found >= 0:
            os.write(fd, answers.pop(0)[1].encode())
            search_from = found + len(prompt)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(transcript)
sys.exit(os.waitstatus_to_exitcode(status))
`

export interface PtyResult {
  /** Everything the terminal showed (stdout and stderr together, CRLF line ends). */
  transcript: string
  code: number
}

/** A prompt to wait for and the keystrokes to type when it shows (include '\r' or '\x04' yourself). */
export type PtyAnswer = readonly [prompt: string, reply: string]

function onPty(argv: string[], env: Record<string, string>, answers: PtyAnswer[]): Promise<PtyResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', PTY_DRIVER, JSON.stringify(argv), JSON.stringify(answers)], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: privateHome(), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const out: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ transcript: Buffer.concat(out).toString('utf8'), code: code ?? -1 }))
  })
}

export const tsglanceOnPty = (args: string[], env: Record<string, string>, answers: PtyAnswer[] = []) =>
  onPty([process.execPath, TSGLANCE_BIN, ...args], env, answers)

export const glanceOnPty = (args: string[], env: Record<string, string>, answers: PtyAnswer[] = []) => onPty(['glance', ...args], env, answers)
