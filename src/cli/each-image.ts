import type { HttpError, UnsupportedApiVersionError } from '../sdk/errors.js'
import { isGlanceHttpFailure } from './glance-wording.js'

/**
 * glance's loop over several image ids: act on each in turn, hand every
 * HTTP failure (see isGlanceHttpFailure) to `report` and go on with the next id. Other failures
 * (unreachable server, bad credentials) stop the loop.
 */
export async function forEachImage(ids: readonly string[], act: (id: string) => Promise<void>, report: (err: HttpError | UnsupportedApiVersionError, id: string) => void): Promise<void> {
  for (const id of ids) {
    try {
      await act(id)
    } catch (err) {
      if (!isGlanceHttpFailure(err)) throw err
      report(err, id)
    }
  }
}
