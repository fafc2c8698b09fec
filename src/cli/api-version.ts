import { CommandFailure } from './command-failure.js'

/**
 * The version a Glance URL names in its first path segment
 * (`http://h:9292/v2.1` -> 2.1), as glanceclient's `strip_version` reads it;
 * undefined when the URL names none or one Python's float() would refuse.
 */
function urlVersion(imageUrl: string | undefined): number | undefined {
  if (!imageUrl) return undefined
  let path: string
  try {
    path = new URL(imageUrl.replace(/\/+$/, '')).pathname.replace(/^\/+/, '')
  } catch {
    return undefined
  }
  const match = /^v(\d+\.?\d*)$/.exec(path)
  return match ? Number(match[1]) : undefined
}

/** Python's int() of a string: optional sign and blanks, digits with single underscores between them. */
function pythonInt(text: string): number | undefined {
  return /^\s*[+-]?\d+(_\d+)*\s*$/.test(text) ? Number(text.trim().replaceAll('_', '')) : undefined
}

/**
 * glance's choice of API version (`--os-image-api-version`, else the
 * version in `--os-image-url`, else 2), checked before any request. 2 is
 * the only one tsglance speaks: anything but 1 and 2 is refused with
 * glance's message, and 1, which Glance no longer serves (glance itself
 * ends with `HTTPMultipleChoices (HTTP 300)` from the server), is refused
 * without asking the server (docs/decisions/0006).
 */
export function checkImageApiVersion(requested: string | undefined, imageUrl: string | undefined): void {
  const fromUrl = urlVersion(imageUrl)
  const version = requested ? pythonInt(requested) : fromUrl === undefined ? 2 : Math.trunc(fromUrl)
  if (version !== 1 && version !== 2) throw new CommandFailure('Invalid API version parameter. Supported values are [1, 2]')
  if (version === 1) throw new CommandFailure('Images API v1 is not supported: Glance no longer serves it. Use --os-image-api-version 2.')
}
