/**
 * What the transport reports about TLS, against a real local HTTPS server
 * whose certificate a throwaway CA signed: a verification failure is an
 * SSLError naming the reason and is not retried, and `insecure` reports its
 * first HTTPS request once. (Trusting via caFile and accepting via insecure
 * are covered in tls-proxy.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { SSLError } from '../../../src/sdk/errors.js'
import { makeCertificates } from '../../support/tls-proxy.js'

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

let https: Server
let http: Server
let httpsUrl: string
let httpUrl: string
let connections = 0

beforeAll(async () => {
  const { certFile, keyFile } = makeCertificates(mkdtempSync(join(tmpdir(), 'tsglance-tls-errors-')))
  https = createHttpsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (_req, res) => res.end('{}'))
  https.on('connection', () => connections++)
  http = createHttpServer((_req, res) => res.end('{}'))
  httpsUrl = `https://127.0.0.1:${await listen(https)}/x`
  httpUrl = `http://127.0.0.1:${await listen(http)}/x`
})
afterAll(() => {
  https.close()
  http.close()
})

describe('TLS failures', () => {
  it('an unknown CA: an SSLError with the reason, sent once (no retries)', async () => {
    connections = 0
    const transport = new HttpTransport({ retry: { retries: 3, baseDelayMs: 1 } })
    const err = await transport.send({ method: 'GET', url: httpsUrl, expect: [200] }).catch((e) => e)
    await transport.close()
    expect(err).toBeInstanceOf(SSLError)
    expect(err.message).toBe(`SSL exception connecting to ${httpsUrl}: certificate verify failed: unable to verify the first certificate`)
    expect(connections).toBe(1)
  })

  it('HTTPS to a plain-HTTP port: an SSLError, not a certificate complaint', async () => {
    const transport = new HttpTransport({ retry: { retries: 0 } })
    const err = await transport.send({ method: 'GET', url: httpUrl.replace('http:', 'https:'), expect: [200] }).catch((e) => e)
    await transport.close()
    expect(err).toBeInstanceOf(SSLError)
    expect(err.message).toMatch(/^SSL exception connecting to https:\/\/127\.0\.0\.1:\d+\/x: (?!certificate verify failed)/)
  })
})

describe('onInsecureRequest', () => {
  it('is called once, with the host, however many HTTPS requests follow', async () => {
    const hosts: string[] = []
    const transport = new HttpTransport({ insecure: true, onInsecureRequest: (host) => hosts.push(host) })
    for (let i = 0; i < 3; i++) await (await transport.send({ method: 'GET', url: httpsUrl, expect: [200] })).dump()
    await transport.close()
    expect(hosts).toEqual([new URL(httpsUrl).host])
  })

  it('is not called for plain HTTP, nor when certificates are verified', async () => {
    const hosts: string[] = []
    const insecureHttp = new HttpTransport({ insecure: true, onInsecureRequest: (host) => hosts.push(host) })
    await (await insecureHttp.send({ method: 'GET', url: httpUrl, expect: [200] })).dump()
    await insecureHttp.close()
    const verifying = new HttpTransport({ onInsecureRequest: (host) => hosts.push(host) })
    await verifying.send({ method: 'GET', url: httpsUrl, expect: [200] }).catch(() => undefined)
    await verifying.close()
    expect(hosts).toEqual([])
  })
})
