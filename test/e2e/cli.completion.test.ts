/**
 * Shell completion of the built CLI, no server needed: `bash-completion`
 * against the real `glance bash-completion`, and oclif's `autocomplete` for
 * bash and zsh (run in a private HOME; no rc file is written). Help is
 * compared with glance's in parity.help.test.ts.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { glance, privateHome, tsglance } from './support/run.js'

/** Commands whose names the zsh completion function must list. */
const ISSUE_4_COMMANDS = [
  'image-tag-update',
  'image-tag-delete',
  'image-deactivate',
  'image-reactivate',
  'location-add',
  'location-delete',
  'location-update',
  'usage',
  'cache-list',
  'cache-queue',
  'cache-delete',
  'cache-clear',
  'explain',
  'bash-completion',
]

const env = () => ({ HOME: privateHome() })

describe('bash-completion', () => {
  const words = (text: string) => text.trim().split(' ')
  const commandsOf = (list: string[]) => list.filter((w) => !w.startsWith('-')).sort()
  const optionsOf = (list: string[]) => new Set(list.filter((w) => w.startsWith('-')))

  it("one line of commands and options; glance's commands, and every option glance lists", async () => {
    const [g, t] = [await glance(['bash-completion'], { env: env() }), await tsglance(['bash-completion'], { env: env() })]
    expect([g.code, t.code]).toEqual([0, 0])
    expect(t.stderr).toBe('')
    expect(t.stdout.split('\n')).toHaveLength(2)
    const [gw, tw] = [words(g.stdout), words(t.stdout)]
    expect(new Set(tw).size).toBe(tw.length)
    expect(commandsOf(tw)).toEqual(commandsOf(gw))
    const tsglanceOptions = optionsOf(tw)
    expect([...optionsOf(gw)].filter((o) => !tsglanceOptions.has(o))).toEqual([])
  })

  it('the same words on every run, sorted (glance: Python set order, different per run)', async () => {
    const first = await tsglance(['bash-completion'], { env: env() })
    const second = await tsglance(['bash-completion'], { env: env() })
    expect(second.stdout).toBe(first.stdout)
    const list = words(first.stdout)
    expect(commandsOf(list)).toEqual(list.slice(0, commandsOf(list).length))
  })

  it('takes no arguments (exit 2)', async () => {
    const [g, t] = [await glance(['bash-completion', 'x'], { env: env() }), await tsglance(['bash-completion', 'x'], { env: env() })]
    expect([g.code, t.code]).toEqual([2, 2])
    expect(t.stdout).toBe('')
  })
})

describe('autocomplete (oclif plugin)', () => {
  it('bash: prints the setup instructions, writes no rc file, and completes commands and flags', async () => {
    const home = privateHome()
    const res = await tsglance(['autocomplete', 'bash'], { env: { HOME: home } })
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('tsglance autocomplete:script bash')
    expect(existsSync(join(home, '.bashrc'))).toBe(false)
    // _get_comp_words_by_ref and __ltrim_colon_completions come from the
    // bash-completion package; plain stubs stand in (no ids contain ':').
    const complete = (line: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          '_get_comp_words_by_ref() { :; }; __ltrim_colon_completions() { :; }; source "$HOME/.cache/tsglance/autocomplete/bash_setup"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tsglance_autocomplete; echo "${COMPREPLY[@]}"',
          'complete',
          ...line,
        ],
        { env: { HOME: home, PATH: process.env.PATH }, encoding: 'utf8' },
      ).trim()
    expect(complete(['tsglance', 'image-tag'])).toBe('image-tag-delete image-tag-update')
    expect(complete(['tsglance', 'cache-c'])).toBe('cache-clear')
    expect(complete(['tsglance', 'location-add', '--u']).split(' ')).toEqual(['--url'])
  })

  it('zsh: prints the setup instructions and a completion function naming every command', async () => {
    const home = privateHome()
    const res = await tsglance(['autocomplete', 'zsh'], { env: { HOME: home } })
    expect(res.code, res.stderr).toBe(0)
    expect(res.stdout).toContain('tsglance autocomplete:script zsh')
    expect(existsSync(join(home, '.zshrc'))).toBe(false)
    const script = readFileSync(join(home, '.cache/tsglance/autocomplete/functions/zsh/_tsglance'), 'utf8')
    for (const id of ISSUE_4_COMMANDS) expect(script).toContain(`"${id}:`)
  })
})
