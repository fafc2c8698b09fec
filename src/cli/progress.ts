import type { TransferProgress } from '../sdk/images/types.js'

/**
 * glance's `--progress` bar (`[====>   ] 49%`), drawn on stderr so that it
 * never mixes with image data or tables on stdout, and only when stderr is a
 * terminal and the total is known.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ((p: TransferProgress) => void) & { done(): void } {
  const width = 40
  let lastPercent = -1
  const draw = (p: TransferProgress) => {
    if (!stream.isTTY || !p.total) return
    const percent = Math.min(100, Math.floor((p.transferred / p.total) * 100))
    if (percent === lastPercent) return
    lastPercent = percent
    const filled = Math.floor((percent / 100) * width)
    const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? '>' : '') + ' '.repeat(width - filled)
    stream.write(`\r[${bar}] ${percent}%`)
  }
  return Object.assign(draw, {
    done() {
      if (lastPercent >= 0) stream.write('\n')
    },
  })
}
