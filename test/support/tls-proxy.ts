/**
 * TLS in front of a plain-HTTP server, for tests: a throwaway CA and a
 * server certificate for 127.0.0.1/localhost made with `openssl` in a temp
 * dir, and a node:https server that forwards every request to the target
 * and streams the answer back.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TlsProxy {
  /** `https://127.0.0.1:<port>` */
  url: string
  /** PEM of the CA that signed the proxy's certificate (what `--os-cacert` takes). */
  caFile: string
  /** Requests forwarded so far (method and path). */
  forwarded: string[]
  close(): Promise<void>
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })

/** ca.pem, server.pem and server.key in `dir`: a CA, and a 127.0.0.1/localhost certificate it signed. */
export function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1',
    '-subj', '/CN=tsglance throwaway test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir)
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir)
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n')
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1',
    '-extfile', 'server.ext', '-out', 'server.pem'], dir)
  return { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') }
}

/** Start a TLS-terminating proxy on 127.0.0.1 (a free port) forwarding to `target` (`http://host:port`). */
export async function startTlsProxy(target: string): Promise<TlsProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-tls-proxy-'))
  const { caFile, certFile, keyFile } = makeCertificates(dir)
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true })
  const forwarded: string[] = []
  const server: Server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
    forwarded.push(`${req.method} ${req.url}`)
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    outgoing.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' })
      res.end(`tls-proxy: ${err.message}`)
    })
    req.pipe(outgoing)
  })
  // A client that rejects the certificate just hangs up: nothing to report.
  server.on('tlsClientError', () => undefined)
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    forwarded,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      agent.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
