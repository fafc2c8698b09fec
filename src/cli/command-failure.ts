/**
 * A failure the command has already worded for the user (glance's
 * `utils.exit(msg)`): printed as is on stderr, then exit with `exitCode`.
 */
export class CommandFailure extends Error {
  override name = 'CommandFailure'
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** Invalid usage detected after parsing (argparse's `error:`): exit 2. */
export class UsageError extends CommandFailure {
  override name = 'UsageError'
  constructor(message: string) {
    super(message, 2)
  }
}

/** A single- or double-quoted (Python repr) value of over 1000 characters. */
const LONG_QUOTED_VALUE = /'(?:[^'\\]|\\.){1001,}'|"(?:[^"\\]|\\.){1001,}"/g

/**
 * glance (jsonschema, warlock) quotes an offending value in full, often
 * twice: for a 100 KB name that is a 200 KB line that scrolls the reason
 * away. A quoted value over 1000 characters is shown by its first 60 and
 * its length (decisions/0010); shorter ones are left exactly as glance
 * shows them.
 */
export function cutLongQuotedValues(message: string): string {
  return message.replace(LONG_QUOTED_VALUE, (quoted) => `${quoted.slice(0, 60)}...(${quoted.length} characters)`)
}
