/**
 * The SDK-owned dispatcher against real local servers: TLS verification
 * (`--os-cacert`, `--insecure`) and HTTP_PROXY / NO_PROXY from the
 * environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, type AddressInfo } from 'node:net'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { CommunicationError } from '../../../src/sdk/errors.js'

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

describe('TLS verification', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-tls-'))
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  let server: Server
  let url: string

  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    server = createHttpsServer({ cert: readFileSync(cert), key: readFileSync(key) }, (_req, res) => res.end('{"ok":true}'))
    url = `https://127.0.0.1:${await listen(server)}/`
  })
  afterAll(() => server.close())

  it('refuses a self-signed server by default', async () => {
    const t = new HttpTransport()
    const err = await t.send({ method: 'GET', url, expect: [200] }).catch((e) => e)
    await t.close()
    expect(err).toBeInstanceOf(CommunicationError)
    expect(err.message).toMatch(/self[- ]signed/i)
  })

  it('trusts it with --os-cacert', async () => {
    const t = new HttpTransport({ caFile: cert })
    const res = await t.send({ method: 'GET', url, expect: [200] })
    expect(await res.json()).toEqual({ ok: true })
    await t.close()
  })

  it('accepts it with --insecure', async () => {
    const t = new HttpTransport({ insecure: true })
    const res = await t.send({ method: 'GET', url, expect: [200] })
    expect(await res.json()).toEqual({ ok: true })
    await t.close()
  })
})

describe('HTTP_PROXY', () => {
  let origin: Server
  let proxy: Server
  let originUrl: string
  let proxyUrl: string
  const proxied: string[] = []

  beforeAll(async () => {
    origin = createHttpServer((_req, res) => res.end('{"from":"origin"}'))
    originUrl = `http://127.0.0.1:${await listen(origin)}/x`
    // A forward proxy that, like squid, tunnels with CONNECT (what undici's
    // ProxyAgent uses) and also forwards absolute-URL requests.
    proxy = createHttpServer((req, res) => {
      proxied.push(req.url ?? '')
      const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      })
      req.pipe(upstream)
    })
    proxy.on('connect', (req, clientSocket, head) => {
      proxied.push(`CONNECT ${req.url}`)
      const [host, port] = (req.url ?? '').split(':')
      const upstream = connect(Number(port), host, () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(clientSocket)
        clientSocket.pipe(upstream)
      })
      upstream.on('error', () => clientSocket.destroy())
    })
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`
  })
  afterAll(() => {
    origin.close()
    proxy.close()
  })

  const withEnv = async (env: Record<string, string | undefined>, fn: () => Promise<void>) => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
    Object.assign(process.env, env)
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
    try {
      await fn()
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }

  it('sends requests through the proxy named by HTTP_PROXY', async () => {
    await withEnv({ http_proxy: proxyUrl, HTTP_PROXY: proxyUrl, no_proxy: undefined, NO_PROXY: undefined }, async () => {
      proxied.length = 0
      const t = new HttpTransport()
      const res = await t.send({ method: 'GET', url: originUrl, expect: [200] })
      expect(await res.json()).toEqual({ from: 'origin' })
      await t.close()
      expect(proxied).toEqual([`CONNECT ${new URL(originUrl).host}`])
    })
  })

  it('bypasses it for hosts in NO_PROXY', async () => {
    await withEnv({ http_proxy: proxyUrl, HTTP_PROXY: proxyUrl, no_proxy: '127.0.0.1', NO_PROXY: '127.0.0.1' }, async () => {
      proxied.length = 0
      const t = new HttpTransport()
      const res = await t.send({ method: 'GET', url: originUrl, expect: [200] })
      expect(await res.json()).toEqual({ from: 'origin' })
      await t.close()
      expect(proxied).toEqual([])
    })
  })
})
