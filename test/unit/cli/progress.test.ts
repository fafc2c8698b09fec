import { describe, expect, it } from 'vitest'
import chalk from 'chalk'
import ora from 'ora'
import { colourAllowed, createProgressBar, decorates, formatBytes, formatDuration, progressLine, type TerminalStream } from '../../../src/cli/progress.js'
import { spinnerOptions } from '../../../src/cli/wait.js'

const MiB = 1024 * 1024

/** A stderr stand-in that records what was written. */
function fakeStream(isTTY: boolean, columns = 120): TerminalStream & { written: string } {
  return {
    isTTY,
    columns,
    written: '',
    write(text: string) {
      this.written += text
      return true
    },
  }
}

/** A clock the test moves by hand. */
function manualClock(): { now: () => number; advance(ms: number): void } {
  let ms = 0
  return { now: () => ms, advance: (by) => (ms += by) }
}

// Any SGR sequence (colour, bold, ...): ESC [ digits;... m
const ANSI_STYLE = /\x1b\[[0-9;]*m/

describe('formatting', () => {
  it('prints bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(25 * MiB)).toBe('25.0 MiB')
    expect(formatBytes(3 * 1024 * 1024 * MiB)).toBe('3.0 TiB')
  })

  it('prints durations as m:ss or h:mm:ss, and --:-- without an estimate', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(7.2)).toBe('0:08')
    expect(formatDuration(754)).toBe('12:34')
    expect(formatDuration(3723)).toBe('1:02:03')
    expect(formatDuration(undefined)).toBe('--:--')
    expect(formatDuration(Infinity)).toBe('--:--')
  })

  it('shows percentage, bytes, rate and ETA when the total is known', () => {
    const line = progressLine({ progress: { transferred: 10 * MiB, total: 30 * MiB }, bytesAtStart: 0, elapsedMs: 2000 }, 200)
    // 10 MiB in 2 s is 5 MiB/s; 20 MiB to go is 4 s.
    expect(line).toMatch(/^\[=+> +\] 33% {2}10\.0 MiB \/ 30\.0 MiB {2}5\.0 MiB\/s {2}ETA 0:04$/)
  })

  it('leaves bytes kept from an earlier run out of the rate', () => {
    const line = progressLine({ progress: { transferred: 12 * MiB, total: 20 * MiB }, bytesAtStart: 8 * MiB, elapsedMs: 1000 }, 200)
    expect(line).toContain('4.0 MiB/s  ETA 0:02')
  })

  it('gives no rate or ETA until the transfer has run a while', () => {
    const line = progressLine({ progress: { transferred: MiB, total: 2 * MiB }, bytesAtStart: 0, elapsedMs: 10 }, 200)
    expect(line).toMatch(/1\.0 MiB \/ 2\.0 MiB {2}ETA --:--$/)
  })

  it('has nothing left to wait for once all bytes are there, however fast they came', () => {
    const line = progressLine({ progress: { transferred: 2 * MiB, total: 2 * MiB }, bytesAtStart: 0, elapsedMs: 10 }, 200)
    expect(line).toMatch(/100% {2}2\.0 MiB \/ 2\.0 MiB {2}ETA 0:00$/)
  })

  it('shows bytes and rate alone when the total is unknown', () => {
    expect(progressLine({ progress: { transferred: 3 * MiB }, bytesAtStart: 0, elapsedMs: 3000 }, 200)).toBe('3.0 MiB  1.0 MiB/s')
  })

  it('narrows the bar to fit the terminal', () => {
    const sample = { progress: { transferred: 5 * MiB, total: 10 * MiB }, bytesAtStart: 0, elapsedMs: 1000 }
    const narrow = progressLine(sample, 60)
    expect(narrow.length).toBeLessThan(60)
    expect(progressLine(sample, 200).length).toBeGreaterThan(narrow.length)
  })
})

describe('progress bar', () => {
  it('draws on a terminal, redrawing in place, and ends the line', () => {
    const stream = fakeStream(true)
    const clock = manualClock()
    const bar = createProgressBar({ stream, now: clock.now })
    bar({ transferred: 0, total: 4 * MiB })
    clock.advance(1000)
    bar({ transferred: 2 * MiB, total: 4 * MiB })
    clock.advance(1000)
    bar({ transferred: 4 * MiB, total: 4 * MiB })
    bar.done()
    const frames = stream.written.split('\r').filter(Boolean)
    expect(frames).toHaveLength(3)
    expect(frames[1]).toContain('50%  2.0 MiB / 4.0 MiB  2.0 MiB/s  ETA 0:01')
    expect(frames[2]).toMatch(/^\[=+>\] 100% .*\n$/)
  })

  it('redraws an unchanged percentage only after a pause', () => {
    const stream = fakeStream(true)
    const clock = manualClock()
    const bar = createProgressBar({ stream, now: clock.now })
    bar({ transferred: 1 })
    bar({ transferred: 2 })
    clock.advance(1000)
    bar({ transferred: 3 })
    expect(stream.written.split('\r').filter(Boolean)).toHaveLength(2)
  })

  it('blanks what a longer earlier line left behind', () => {
    const stream = fakeStream(true)
    const clock = manualClock()
    const bar = createProgressBar({ stream, now: clock.now })
    bar({ transferred: 0 })
    clock.advance(1000)
    bar({ transferred: 1023 * 1024 })
    clock.advance(1000)
    bar({ transferred: 2 * MiB })
    // `1023.0 KiB  1023.0 KiB/s`, then the shorter `2.0 MiB  1.0 MiB/s`
    const [, first, second] = stream.written.split('\r').filter(Boolean)
    expect(second.length).toBe(first.length)
    expect(second.trimEnd().length).toBeLessThan(first.length)
  })

  it('writes nothing when stderr is not a terminal', () => {
    const stream = fakeStream(false)
    const bar = createProgressBar({ stream })
    bar({ transferred: 1, total: 2 })
    bar({ transferred: 2, total: 2 })
    bar.done()
    expect(stream.written).toBe('')
  })

  it('uses no colour codes', () => {
    const stream = fakeStream(true)
    const bar = createProgressBar({ stream })
    bar({ transferred: 1, total: 2 })
    bar.done()
    expect(stream.written).not.toMatch(ANSI_STYLE)
  })
})

describe('terminal manners', () => {
  it('decorates only a terminal with table output', () => {
    expect(decorates({ isTTY: true }, false)).toBe(true)
    expect(decorates({ isTTY: true }, true)).toBe(false)
    expect(decorates({ isTTY: false }, false)).toBe(false)
    expect(decorates({}, false)).toBe(false)
  })

  it('follows NO_COLOR only when it is set to something', () => {
    expect(colourAllowed({})).toBe(true)
    expect(colourAllowed({ NO_COLOR: '' })).toBe(true)
    expect(colourAllowed({ NO_COLOR: '1' })).toBe(false)
  })

  /** Runs ora with the --wait spinner's options on a fake terminal and returns what it drew. */
  function drawSpinner(env: NodeJS.ProcessEnv): string {
    // ora moves the cursor through these tty.WriteStream methods; their effect does not matter here.
    const stream = Object.assign(fakeStream(true), { cursorTo: () => true, clearLine: () => true, moveCursor: () => true }) as unknown as NodeJS.WriteStream
    // isEnabled: ora also stays quiet when CI is set, which would make this test see nothing.
    const spinner = ora({ ...spinnerOptions('Importing image x', stream, env), isEnabled: true })
    spinner.start()
    spinner.render()
    spinner.stop()
    return (stream as unknown as { written: string }).written
  }

  it('the --wait spinner is coloured by default and not under NO_COLOR', () => {
    // ora colours through chalk's shared instance, which sees no colour support under a test runner; pretend a colour terminal.
    const detectedLevel = chalk.level
    chalk.level = 1
    try {
      expect(drawSpinner({})).toMatch(ANSI_STYLE)
      const plain = drawSpinner({ NO_COLOR: '1' })
      expect(plain).toContain('Importing image x')
      expect(plain).not.toMatch(ANSI_STYLE)
    } finally {
      chalk.level = detectedLevel
    }
  })
})
