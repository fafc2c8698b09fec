// datetime.datetime.utcfromtimestamp(ts).isoformat(), as glance shows the
// cache's access and modification times.
import { roundHalfEven } from './pyformat.js'

const MICROS_PER_SECOND = 1_000_000

/** 'YYYY-MM-DDTHH:MM:SS', plus '.ffffff' when the microseconds are not 0. */
export function utcIsoFormat(timestamp: number): string {
  // CPython splits off the fraction and rounds it to microseconds half-even.
  let seconds = Math.trunc(timestamp)
  let micros = roundHalfEven((timestamp - seconds) * MICROS_PER_SECOND)
  if (micros >= MICROS_PER_SECOND) {
    micros -= MICROS_PER_SECOND
    seconds += 1
  } else if (micros < 0) {
    micros += MICROS_PER_SECOND
    seconds -= 1
  }
  const wholeSeconds = new Date(seconds * 1000).toISOString().slice(0, 19)
  return micros === 0 ? wholeSeconds : `${wholeSeconds}.${String(micros).padStart(6, '0')}`
}
