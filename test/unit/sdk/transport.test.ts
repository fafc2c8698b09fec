import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createServer } from 'node:http'
import { Readable } from 'node:stream'
import { HttpTransport, buildUrl } from '../../../src/sdk/transport/http-transport.js'
import { CommunicationError, HTTPConflict, HTTPException, HTTPNotFound, InvalidResponseError, RequestTimeoutError, errorDetailsFromBody } from '../../../src/sdk/errors.js'
import { redactSecret } from '../../../src/sdk/transport/redact.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const base = 'http://glance.test:9292'

describe('HttpTransport', () => {
  it('asks for JSON unless told otherwise (the CLI asks for */*, as glance does)', async () => {
    const mock = createMockDispatcher(http.get(`${base}/versions`, () => HttpResponse.json({ versions: [] })))
    await (await new HttpTransport({ dispatcher: mock.dispatcher }).send({ method: 'GET', url: `${base}/versions`, expect: [200] })).dump()
    await (await new HttpTransport({ dispatcher: mock.dispatcher, accept: '*/*' }).send({ method: 'GET', url: `${base}/versions`, expect: [200] })).dump()
    expect(mock.requests.map((r) => r.headers.accept)).toEqual(['application/json', '*/*'])
  })

  it('sends JSON and parses JSON through the injected dispatcher', async () => {
    const mock = createMockDispatcher(
      http.post(`${base}/v2/images`, async ({ request }) => HttpResponse.json({ echoed: await request.json() }, { status: 201 })),
    )
    const t = new HttpTransport({ dispatcher: mock.dispatcher })
    const res = await t.send({ method: 'POST', url: `${base}/v2/images`, json: { name: 'x' }, expect: [201] })
    expect(await res.json()).toEqual({ echoed: { name: 'x' } })
    expect(mock.requests[0].headers['content-type']).toBe('application/json')
    expect(mock.requests[0].headers['user-agent']).toBe('tsglance')
  })

  it('maps an HTML 404 to HTTPNotFound with glance wording and the request id', async () => {
    const html = '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n\n </body>\n</html>'
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images/abc`, () =>
        new HttpResponse(html, { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8', 'x-openstack-request-id': 'req-1' } }),
      ),
    )
    const t = new HttpTransport({ dispatcher: mock.dispatcher })
    const err = await t.send({ method: 'GET', url: `${base}/v2/images/abc`, expect: [200] }).catch((e) => e)
    expect(err).toBeInstanceOf(HTTPNotFound)
    expect(err.message).toBe('HTTP 404 Not Found: No image found with ID abc')
    expect(err.requestId).toBe('req-1')
    expect(err.status).toBe(404)
    expect(err.method).toBe('GET')
  })

  it('says what came back when a 200 body is not JSON (an HTML page at the configured URL)', async () => {
    const mock = createMockDispatcher(
      http.get(`${base}/v2/images`, () => new HttpResponse('<html><body>Welcome to nginx!</body></html>', { headers: { 'content-type': 'text/html' } })),
    )
    const t = new HttpTransport({ dispatcher: mock.dispatcher })
    const res = await t.send({ method: 'GET', url: `${base}/v2/images`, expect: [200] })
    const err = await res.json().catch((e: Error) => e)
    expect(err).toBeInstanceOf(InvalidResponseError)
    expect((err as Error).message).toBe(`Invalid response from ${base}/v2/images: expected JSON, got text/html (HTTP 200)`)
  })

  it('maps JSON error bodies and unknown statuses like glanceclient', async () => {
    expect(errorDetailsFromBody('application/json', '{"error": {"message": "boom", "code": 409}}')).toBe('boom')
    expect(errorDetailsFromBody('text/plain', 'a\n\nb')).toBe('a\nb')
    // Glance's JSON error body (what the SDK's default Accept gets).
    expect(errorDetailsFromBody('application/json', '{"message": "No image found with ID x<br /><br />\\n\\n\\n", "code": "404 Not Found", "title": "Not Found"}')).toBe(
      'No image found with ID x',
    )
    const mock = createMockDispatcher(
      http.put(`${base}/x`, () => HttpResponse.json({ conflict: { message: 'in use' } }, { status: 409 })),
      http.get(`${base}/teapot`, () => new HttpResponse(null, { status: 418 })),
    )
    const t = new HttpTransport({ dispatcher: mock.dispatcher })
    const conflict = await t.send({ method: 'PUT', url: `${base}/x`, expect: [204] }).catch((e) => e)
    expect(conflict).toBeInstanceOf(HTTPConflict)
    expect(conflict.message).toBe('HTTP in use')
    const teapot = await t.send({ method: 'GET', url: `${base}/teapot`, expect: [200] }).catch((e) => e)
    expect(teapot).toBeInstanceOf(HTTPException)
    expect(teapot.message).toBe('HTTP HTTPException')
  })

  it('redacts token headers in debug lines', async () => {
    const mock = createMockDispatcher(http.get(`${base}/v2/images`, () => HttpResponse.json({ images: [] })))
    const lines: string[] = []
    const t = new HttpTransport({ dispatcher: mock.dispatcher, debug: (l) => lines.push(l) })
    await (await t.send({ method: 'GET', url: `${base}/v2/images`, headers: { 'X-Auth-Token': 'sekrit-token' }, expect: [200] })).dump()
    const all = lines.join('\n')
    expect(all).not.toContain('sekrit-token')
    expect(all).toContain(`X-Auth-Token: ${redactSecret('sekrit-token')}`)
    expect(mock.requests[0].headers['x-auth-token']).toBe('sekrit-token')
  })

  it('builds query strings, repeating array values and skipping undefined', () => {
    expect(buildUrl(`${base}/v2/images`, { limit: 20, tag: ['a', 'b'], name: undefined, x: null })).toBe(
      `${base}/v2/images?limit=20&tag=a&tag=b`,
    )
  })

  it('streams a Readable body to a real server with chunked encoding', async () => {
    let received = 0
    let chunked = false
    const server = createServer((req, res) => {
      chunked = req.headers['transfer-encoding'] === 'chunked'
      req.on('data', (c: Buffer) => (received += c.length))
      req.on('end', () => res.writeHead(204).end())
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    const t = new HttpTransport()
    try {
      const body = Readable.from((function* () { for (let i = 0; i < 64; i++) yield Buffer.alloc(65536, i) })())
      const res = await t.send({ method: 'PUT', url: `http://127.0.0.1:${port}/file`, body, expect: [204] })
      await res.dump()
      expect(received).toBe(64 * 65536)
      expect(chunked).toBe(true)
    } finally {
      await t.close()
      server.close()
    }
  })

  it('reports refused connections as CommunicationError naming the URL', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    await new Promise((r) => server.close(r))
    const t = new HttpTransport()
    const err = await t.send({ method: 'GET', url: `http://127.0.0.1:${port}/v2/images`, expect: [200] }).catch((e) => e)
    await t.close()
    expect(err).toBeInstanceOf(CommunicationError)
    expect(err.message).toMatch(new RegExp(`^Error finding address for http://127.0.0.1:${port}/v2/images: .*ECONNREFUSED`))
  })

  it('times out a stalled response as RequestTimeoutError', async () => {
    const server = createServer(() => {})
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    const t = new HttpTransport({ timeoutMs: 200, retry: { retries: 0 } })
    const err = await t.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, expect: [200] }).catch((e) => e)
    await t.close()
    server.closeAllConnections()
    server.close()
    expect(err).toBeInstanceOf(RequestTimeoutError)
  })
})
