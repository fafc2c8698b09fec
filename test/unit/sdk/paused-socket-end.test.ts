import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/sdk/transport/dispatcher.js'
import { request } from '../../../src/sdk/transport/undici.js'

// nodejs/undici#5360: a server that ends the connection right after its
// response (Glance always does) while the body's reader is behind. Unpatched,
// undici 7.30 throws an uncatchable AssertionError from the socket's 'end'
// handler and the process (here: the test worker) dies.
type Framing = 'content-length' | 'eof' | 'chunked' | 'short content-length' | 'unterminated chunked'

function serve(framing: Framing, body: Buffer): Server {
  return createServer((socket) => {
    socket.once('data', () => {
      if (framing === 'chunked' || framing === 'unterminated chunked') {
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n')
        socket.write(`${body.length.toString(16)}\r\n`)
        socket.write(body)
        socket.write(framing === 'chunked' ? '\r\n0\r\n\r\n' : '\r\n')
      } else {
        const length = framing === 'eof' ? '' : `Content-Length: ${framing === 'short content-length' ? body.length * 2 : body.length}\r\n`
        socket.write(`HTTP/1.1 200 OK\r\n${length}Connection: close\r\n\r\n`)
        socket.write(body)
      }
      socket.end()
    })
  })
}

/** GET, then read the body only after the server has closed the connection. */
async function readLate(framing: Framing, size: number): Promise<number> {
  const server = serve(framing, Buffer.alloc(size, 0x61))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const dispatcher = createDispatcher()
  try {
    const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'GET', dispatcher })
    await new Promise((resolve) => setTimeout(resolve, 200))
    let received = 0
    for await (const chunk of res.body) received += (chunk as Buffer).length
    return received
  } finally {
    await dispatcher.close()
    server.close()
  }
}

describe('a response whose connection ends while its reader is behind', () => {
  // 64 KiB fills undici's body buffer exactly, the size that pauses the parser on the last byte.
  const sizes = [1000, 65_536, 100_000, 1 << 20]
  it.each(sizes)('content-length body of %i bytes arrives whole', async (size) => {
    expect(await readLate('content-length', size)).toBe(size)
  })
  it.each(sizes)('body delimited by EOF, %i bytes, arrives whole', async (size) => {
    expect(await readLate('eof', size)).toBe(size)
  })
  it.each(sizes)('chunked body of %i bytes arrives whole', async (size) => {
    expect(await readLate('chunked', size)).toBe(size)
  })
  it('a body shorter than its Content-Length still fails', async () => {
    await expect(readLate('short content-length', 65_536)).rejects.toMatchObject({ code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' })
  })
  it('a chunked body without its last chunk still fails', async () => {
    await expect(readLate('unterminated chunked', 65_536)).rejects.toThrow(/Invalid EOF state/)
  })
})
