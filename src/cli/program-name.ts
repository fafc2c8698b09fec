import { basename } from 'node:path'

/**
 * The name the CLI was run by, as argparse's `prog` (help's usage lines and
 * messages): the basename of argv[1], so a `glance` symlink to bin/run.js
 * says `glance`. Run through our own entry file (`node bin/run.js`), it is
 * `tsglance`, the name npm installs.
 */
export function programName(script: string | undefined = process.argv[1]): string {
  const name = script ? basename(script) : ''
  return name === '' || name === 'run.js' ? 'tsglance' : name
}
