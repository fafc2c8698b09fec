// Image bytes for the examples: the file named on the command line, or `size` random bytes.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'

export async function exampleData(path, size) {
  return path ? readFile(path) : randomBytes(size)
}
