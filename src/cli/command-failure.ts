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
