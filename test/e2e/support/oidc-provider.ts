/**
 * An OpenID provider of our own on 127.0.0.1 and the validating gateway a
 * federated Keystone needs in front of it, for the v3oidc* e2e tests.
 *
 * - The provider serves a discovery document, its JWKS and a token
 *   endpoint (password and client_credentials grants) issuing ES256 access
 *   tokens signed with jose.
 * - Keystone does not validate bearer tokens itself: in a real deployment
 *   Apache's mod_auth_openidc does, and puts the claims in the WSGI environ.
 *   The gateway plays that part: it forwards everything to Keystone, and on
 *   the federation `.../auth` path it verifies the bearer token against the
 *   provider's JWKS (issuer, expiry, signature) and passes the claims as
 *   `OIDC-*` headers, which Keystone sees as `HTTP_OIDC_*` and the mapping
 *   reads. Any `OIDC-*` header a client sends is dropped.
 *
 * Limit: Keystone's own port still accepts such headers from anyone on
 * 127.0.0.1; only requests through the gateway are validated.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose'

export interface OidcUser {
  username: string
  password: string
}

export interface OidcClient {
  id: string
  secret: string
}

export interface TestOidcProvider {
  issuer: string
  discoveryUrl: string
  tokenUrl: string
  /** Requests the token endpoint answered, by grant type. */
  tokenRequests: { grant: string }[]
  /** Signs an access token as the provider would (for v3oidcaccesstoken, or expired ones). */
  issueAccessToken(subject: string, expiresInSeconds?: number): Promise<string>
  close(): Promise<void>
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
}

/** `Basic base64(urlencoded id : urlencoded secret)` (RFC 6749 section 2.3.1). */
function basicCredentials(header: string | undefined): OidcClient | undefined {
  const m = /^Basic (.+)$/.exec(header ?? '')
  if (!m) return undefined
  const [id, secret] = Buffer.from(m[1], 'base64').toString('utf8').split(':')
  return { id: decodeURIComponent(id), secret: decodeURIComponent(secret ?? '') }
}

export async function startOidcProvider(options: { users: OidcUser[]; clients: OidcClient[] }): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' }
  const tokenRequests: { grant: string }[] = []
  let issuer = ''

  const issueAccessToken = (subject: string, expiresInSeconds = 600) =>
    new SignJWT({ preferred_username: subject, scope: 'openid profile' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setIssuer(issuer)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey)

  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/.well-known/openid-configuration') {
      return sendJson(res, 200, {
        issuer,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        grant_types_supported: ['password', 'client_credentials'],
      })
    }
    if (req.method === 'GET' && req.url === '/jwks') return sendJson(res, 200, { keys: [publicJwk] })
    if (req.method === 'POST' && req.url === '/token') {
      const form = new URLSearchParams(await readBody(req))
      const grant = form.get('grant_type') ?? ''
      tokenRequests.push({ grant })
      const client = basicCredentials(req.headers.authorization)
      const knownClient = options.clients.find((c) => c.id === client?.id && c.secret === client?.secret)
      if (grant === 'client_credentials') {
        if (!knownClient) return sendJson(res, 401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' })
        return sendJson(res, 200, { access_token: await issueAccessToken(knownClient.id), token_type: 'Bearer', expires_in: 600 })
      }
      if (grant === 'password') {
        if (client && !knownClient) return sendJson(res, 401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' })
        const user = options.users.find((u) => u.username === form.get('username') && u.password === form.get('password'))
        if (!user) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'wrong username or password' })
        return sendJson(res, 200, { access_token: await issueAccessToken(user.username), token_type: 'Bearer', expires_in: 600 })
      }
      return sendJson(res, 400, { error: 'unsupported_grant_type' })
    }
    sendJson(res, 404, { error: 'not_found' })
  })
  issuer = await listen(server)
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenUrl: `${issuer}/token`,
    tokenRequests,
    issueAccessToken,
    close: () => close(server),
  }
}

export interface KeystoneGateway {
  /** The auth URL to give tsglance (`…/v3`). */
  authUrl: string
  /** Federation requests the gateway refused (bad or missing bearer token). */
  refused: number
  close(): Promise<void>
}

const FEDERATION_AUTH_PATH = /^\/v3\/OS-FEDERATION\/identity_providers\/[^/]+\/protocols\/[^/]+\/auth$/

/** Keystone's error body, so clients word the refusal as they would Keystone's. */
function keystoneUnauthorized(res: ServerResponse, message: string): void {
  sendJson(res, 401, { error: { code: 401, title: 'Unauthorized', message } })
}

export async function startKeystoneGateway(keystoneRoot: string, provider: TestOidcProvider): Promise<KeystoneGateway> {
  const jwks = createLocalJWKSet((await (await fetch(`${provider.issuer}/jwks`)).json()) as { keys: JWK[] })
  const target = new URL(keystoneRoot)
  const gateway = { refused: 0 } as KeystoneGateway

  const server = createServer(async (req, res) => {
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host }
    for (const name of Object.keys(headers)) if (name.toLowerCase().startsWith('oidc-')) delete headers[name]
    const path = (req.url ?? '/').split('?')[0]
    if (FEDERATION_AUTH_PATH.test(path)) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      try {
        if (!bearer) throw new Error('no bearer token')
        const { payload } = await jwtVerify(bearer, jwks, { issuer: provider.issuer })
        headers['oidc-iss'] = String(payload.iss)
        headers['oidc-sub'] = String(payload.sub)
        headers['oidc-preferred-username'] = String(payload.preferred_username ?? payload.sub)
      } catch (err) {
        gateway.refused++
        return keystoneUnauthorized(res, `The OpenID Connect access token was not accepted: ${(err as Error).message}`)
      }
    }
    delete headers.authorization
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', (err) => sendJson(res, 502, { error: { code: 502, title: 'Bad Gateway', message: err.message } }))
    req.pipe(upstream)
  })
  const base = await listen(server)
  gateway.authUrl = `${base}/v3`
  gateway.close = () => close(server)
  return gateway
}
