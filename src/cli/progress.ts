import type { TransferProgress } from '../sdk/images/types.js'

/**
 * What tsglance draws on stderr besides its messages: glance's `--progress`
 * bar for transfers and the `--wait` spinner. The rules
 * (docs/decisions/0016-progress-and-terminal-manners.md): decorations only
 * when stderr is a terminal and the output is glance's table (never under
 * `--json` or `-f json|yaml|value|csv`), and no colour when NO_COLOR is set.
 */

/** The part of a stderr stream the decorations use; tests pass a fake terminal. */
export interface TerminalStream {
  isTTY?: boolean
  /** Width in characters; 0 or undefined when the terminal does not say. */
  columns?: number
  write(text: string): unknown
}

/** Whether to draw on this stream: only a terminal, and only when nobody is parsing the output. */
export function decorates(stream: Pick<TerminalStream, 'isTTY'>, machineReadableOutput: boolean): boolean {
  return stream.isTTY === true && !machineReadableOutput
}

/** https://no-color.org: set and not empty means no ANSI colours (chalk, under ora, does not check it). */
export function colourAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** `512 B`, `1.5 MiB`, `12.3 GiB`: binary units, one decimal once past bytes. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`
}

/** `0:07`, `12:34`, `1:02:03`; `--:--` when there is no estimate yet. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '--:--'
  const whole = Math.ceil(seconds)
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const secs = String(whole % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`
}

/** Bytes moved in this run and how long it took, from which rate and ETA follow. */
export interface TransferSample {
  progress: TransferProgress
  /** Bytes already there when this run began (a resumed download); they do not count towards the rate. */
  bytesAtStart: number
  elapsedMs: number
}

/** Below this the average rate is mostly connection setup, and an ETA from it would jump about. */
const MIN_ELAPSED_FOR_RATE_MS = 500

function bytesPerSecond({ progress, bytesAtStart, elapsedMs }: TransferSample): number | undefined {
  if (elapsedMs < MIN_ELAPSED_FOR_RATE_MS) return undefined
  return ((progress.transferred - bytesAtStart) * 1000) / elapsedMs
}

const MAX_BAR_WIDTH = 40
const MIN_BAR_WIDTH = 10

/**
 * One progress line: glance's bar and percentage when the total is known,
 * then bytes, rate and ETA, e.g.
 * `[=========>          ] 49%  12.3 MiB / 25.0 MiB  4.1 MiB/s  ETA 0:03`.
 * The bar narrows so that the line fits `columns` (a wrapped line could not
 * be redrawn in place).
 */
export function progressLine(sample: TransferSample, columns?: number): string {
  const { transferred, total } = sample.progress
  const rate = bytesPerSecond(sample)
  const rateText = rate === undefined ? '' : `  ${formatBytes(rate)}/s`
  if (!total) return `${formatBytes(transferred)}${rateText}`
  const remaining = Math.max(0, total - transferred)
  const eta = remaining === 0 ? 0 : rate ? remaining / rate : undefined
  const percent = Math.min(100, Math.floor((transferred / total) * 100))
  const details = ` ${percent}%  ${formatBytes(transferred)} / ${formatBytes(total)}${rateText}  ETA ${formatDuration(eta)}`
  const room = columns ? columns - 1 - details.length - 2 : MAX_BAR_WIDTH
  const width = Math.max(MIN_BAR_WIDTH, Math.min(MAX_BAR_WIDTH, room))
  const filled = Math.floor((percent / 100) * width)
  const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? '>' : '') + ' '.repeat(width - filled)
  return `[${bar}]${details}`
}

/** Redraws at most this often, plus whenever the percentage changes: enough to read, little to write. */
const REDRAW_INTERVAL_MS = 250

export interface ProgressBarOptions {
  stream?: TerminalStream
  /** Milliseconds; injected by tests. */
  now?: () => number
}

export type ProgressBar = ((p: TransferProgress) => void) & { done(): void }

/**
 * glance's `--progress` bar (`[====>   ] 49%`) with bytes, rate and ETA,
 * drawn on stderr so that it never mixes with image data or tables on
 * stdout, and only when stderr is a terminal. Unknown totals (a pipe) show
 * bytes and rate alone.
 */
export function createProgressBar(options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr
  const now = options.now ?? Date.now
  // The command decides on table output (GlanceCommand.decoratesStderr); the stream itself must be a terminal in any case.
  const enabled = stream.isTTY === true
  const began = now()
  let bytesAtStart: number | undefined
  let lastPercent = -1
  let lastDrawAt = -Infinity
  let lastLength = 0
  const draw = (progress: TransferProgress) => {
    if (!enabled) return
    bytesAtStart ??= progress.transferred
    const at = now()
    const percent = progress.total ? Math.floor((progress.transferred / progress.total) * 100) : -1
    if (percent === lastPercent && at - lastDrawAt < REDRAW_INTERVAL_MS) return
    lastPercent = percent
    lastDrawAt = at
    const line = progressLine({ progress, bytesAtStart, elapsedMs: at - began }, stream.columns)
    // Spaces over what a longer earlier line left behind.
    stream.write(`\r${line}${' '.repeat(Math.max(0, lastLength - line.length))}`)
    lastLength = line.length
  }
  return Object.assign(draw, {
    done() {
      if (lastLength > 0) stream.write('\n')
    },
  })
}
