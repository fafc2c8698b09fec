import type { Command } from '@oclif/core'
import { describe, expect, it } from 'vitest'
import { completionWords } from '../../../src/cli/completion-words.js'

const command = (id: string, flags: Record<string, Partial<Command.Flag.Cached>> = {}, hidden = false) =>
  ({ id, hidden, aliases: [], hiddenAliases: [], args: {}, flags }) as unknown as Command.Cached

describe('completionWords (glance bash-completion)', () => {
  it('lists commands, then every spelling of their own options, both sorted, each once', () => {
    const commands = [
      command('image-show', { 'human-readable': { type: 'boolean' }, 'max-column-width': { type: 'option' }, debug: { type: 'boolean', char: 'd' } }),
      command('cache-clear', { target: { type: 'option' } }),
      command('image-list', { 'max-column-width': { type: 'option' }, tag: { type: 'option', aliases: ['tags'], char: 't' }, dry: { type: 'boolean', allowNo: true } }),
      command('help'),
      command('bash-completion'),
      command('autocomplete'),
      command('autocomplete:script'),
      command('secret', {}, true),
    ]
    expect(completionWords(commands, 'bash-completion', ['-h', '--help'])).toEqual([
      'cache-clear',
      'help',
      'image-list',
      'image-show',
      '--dry',
      '--help',
      '--human-readable',
      '--max-column-width',
      '--no-dry',
      '--tag',
      '--tags',
      '--target',
      '-h',
      '-t',
    ])
  })
})
