import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * tsglance's own cache directory: `$XDG_CACHE_HOME/tsglance`, else
 * `~/.cache/tsglance` (the XDG default; a relative XDG_CACHE_HOME is
 * ignored, as the XDG spec says). Tokens live here, and the CLI's V8 code
 * cache in its `code/` subdirectory. Node built-ins only: the CLI's loader
 * reads it before anything else is loaded.
 */
export function tsglanceCacheHome(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const cacheHome = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home, '.cache')
  return join(cacheHome, 'tsglance')
}
