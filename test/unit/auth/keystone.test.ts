import { describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { authenticate, keystoneTokensUrl } from '../../../src/sdk/auth/keystone.js'
import type { AuthFields } from '../../../src/sdk/auth/types.js'
import { AuthenticationError, CommunicationError, ConfigurationError, MissingCredentialError, type MissingCredential } from '../../../src/sdk/errors.js'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const keystone = 'http://keystone.test:5000'
const tokensUrl = `${keystone}/v3/auth/tokens`

/** The shape the real Keystone returns for a project-scoped password token. */
const projectTokenBody = {
  token: {
    methods: ['password'],
    user: { domain: { id: 'default', name: 'Default' }, id: 'user-1', name: 'demo', password_expires_at: null },
    audit_ids: ['YANqcurpQ2ijzSd3bG6G9w'],
    expires_at: '2026-11-25T18:41:25.000000Z',
    issued_at: '2026-11-25T14:41:25.000000Z',
    project: { domain: { id: 'default', name: 'Default' }, id: 'project-1', name: 'demo' },
    is_domain: false,
    roles: [
      { id: 'r1', name: 'reader' },
      { id: 'r2', name: 'member' },
    ],
    catalog: [
      {
        endpoints: [
          { id: 'e1', interface: 'public', region_id: 'RegionOne', url: 'http://glance.test:9292', region: 'RegionOne' },
          { id: 'e2', interface: 'internal', region_id: 'RegionOne', url: 'http://glance.internal:9292', region: 'RegionOne' },
        ],
        id: 's1',
        type: 'image',
        name: 'glance',
      },
    ],
  },
}

function keystoneMock(body: Record<string, unknown> = projectTokenBody) {
  return createMockDispatcher(
    http.post(tokensUrl, () =>
      HttpResponse.json(body, {
        status: 201,
        headers: { 'X-Subject-Token': 'subject-token', 'x-openstack-request-id': 'req-ok' },
      }),
    ),
  )
}

/** Authenticate against the mock and return the JSON body that was sent. */
async function sentBody(options: AuthFields): Promise<unknown> {
  const mock = keystoneMock()
  await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), options)
  expect(mock.requests).toHaveLength(1)
  return JSON.parse(mock.requests[0].body.toString())
}

async function failure(options: AuthFields): Promise<Error> {
  const mock = keystoneMock()
  const err = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), options).catch((e: Error) => e)
  expect(mock.requests).toHaveLength(0)
  return err as Error
}

/** The missing setting an authentication names, checked before any request. */
async function missing(options: AuthFields): Promise<MissingCredential> {
  const err = await failure(options)
  expect(err).toBeInstanceOf(MissingCredentialError)
  return (err as MissingCredentialError).credential
}

const password = { authUrl: keystone, password: 'pw' }

describe('authenticate: request bodies keystoneauth would send', () => {
  it('password, user by name and domain name, project by name and domain name', async () => {
    expect(
      await sentBody({
        ...password,
        username: 'demo',
        userDomainName: 'Default',
        projectName: 'demo',
        projectDomainName: 'Default',
      }),
    ).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'pw' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    })
  })

  it('password prefers domain ids over names and invents no default domain', async () => {
    expect(
      await sentBody({ ...password, username: 'demo', userDomainId: 'default', userDomainName: 'Ignored', projectName: 'demo', projectDomainId: 'default' }),
    ).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', domain: { id: 'default' }, password: 'pw' } } },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    })
    expect(await sentBody({ ...password, username: 'demo', projectName: 'demo' })).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'demo', password: 'pw' } } },
        scope: { project: { name: 'demo' } },
      },
    })
  })

  it('password by user id, scoped to a project id (the id wins over a name)', async () => {
    expect(await sentBody({ ...password, userId: 'u1', username: 'ignored', projectId: 'p1', projectName: 'ignored' })).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { id: 'u1', password: 'pw' } } },
        scope: { project: { id: 'p1' } },
      },
    })
  })

  it('domain scope by id or name', async () => {
    const identity = { methods: ['password'], password: { user: { id: 'u1', password: 'pw' } } }
    expect(await sentBody({ ...password, userId: 'u1', domainId: 'd1', domainName: 'ignored' })).toEqual({
      auth: { identity, scope: { domain: { id: 'd1' } } },
    })
    expect(await sentBody({ ...password, userId: 'u1', domainName: 'Default' })).toEqual({
      auth: { identity, scope: { domain: { name: 'Default' } } },
    })
  })

  it('system scope', async () => {
    expect(await sentBody({ ...password, userId: 'u1', systemScope: 'all' })).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { id: 'u1', password: 'pw' } } },
        scope: { system: { all: true } },
      },
    })
  })

  it('token method, rescoped to a project or left unscoped', async () => {
    expect(await sentBody({ authUrl: keystone, token: 'tok', projectId: 'p1' })).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 'tok' } }, scope: { project: { id: 'p1' } } },
    })
    expect(await sentBody({ authUrl: keystone, authType: 'token', token: 'tok', password: 'unused' })).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 'tok' } } },
    })
  })

  it('v3totp: the totp method with the user block and passcode, scoped like password', async () => {
    expect(
      await sentBody({ authUrl: keystone, authType: 'v3totp', username: 'demo', userDomainName: 'Default', passcode: '123456', projectId: 'p1' }),
    ).toEqual({
      auth: {
        identity: { methods: ['totp'], totp: { user: { name: 'demo', domain: { name: 'Default' }, passcode: '123456' } } },
        scope: { project: { id: 'p1' } },
      },
    })
  })

  it('v3multifactor: every named method in one identity, in the order given', async () => {
    const options: AuthFields = { ...password, authType: 'v3multifactor', userId: 'u1', passcode: '654321', domainName: 'Default' }
    expect(await sentBody({ ...options, authMethods: ['password', 'totp'] })).toEqual({
      auth: {
        identity: {
          methods: ['password', 'totp'],
          password: { user: { id: 'u1', password: 'pw' } },
          totp: { user: { id: 'u1', passcode: '654321' } },
        },
        scope: { domain: { name: 'Default' } },
      },
    })
    const reversed = (await sentBody({ ...options, authMethods: ['totp', 'password'] })) as { auth: { identity: { methods: string[] } } }
    expect(reversed.auth.identity.methods).toEqual(['totp', 'password'])
  })

  it('application credential by id, never scoped', async () => {
    expect(
      await sentBody({ authUrl: keystone, applicationCredentialId: 'ac1', applicationCredentialSecret: 's', projectName: 'ignored' }),
    ).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 's' } } },
    })
  })

  it('application credential by name with its user by name+domain or by id', async () => {
    const byName = { authUrl: keystone, applicationCredentialName: 'ci', applicationCredentialSecret: 's' }
    expect(await sentBody({ ...byName, username: 'demo', userDomainName: 'Default' })).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { name: 'ci', secret: 's', user: { name: 'demo', domain: { name: 'Default' } } },
        },
      },
    })
    expect(await sentBody({ ...byName, userId: 'u1' })).toEqual({
      auth: {
        identity: { methods: ['application_credential'], application_credential: { name: 'ci', secret: 's', user: { id: 'u1' } } },
      },
    })
  })

  it('sends JSON and asks for JSON', async () => {
    const mock = keystoneMock()
    await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), { authUrl: keystone, token: 't' })
    expect(mock.requests[0].method).toBe('POST')
    expect(mock.requests[0].headers['content-type']).toBe('application/json')
    expect(mock.requests[0].headers.accept).toBe('application/json')
  })

  it('keeps the token-method body out of debug logs', async () => {
    const mock = keystoneMock()
    const lines: string[] = []
    await authenticate(new HttpTransport({ dispatcher: mock.dispatcher, debug: (l) => lines.push(l) }), {
      authUrl: keystone,
      token: 'live-token-value',
    })
    expect(lines.join('\n')).not.toContain('live-token-value')
  })
})

describe('keystoneTokensUrl', () => {
  it.each([
    ['http://h:5000', 'http://h:5000/v3/auth/tokens'],
    ['http://h:5000/', 'http://h:5000/v3/auth/tokens'],
    ['http://h:5000/v3', 'http://h:5000/v3/auth/tokens'],
    ['http://h:5000/v3/', 'http://h:5000/v3/auth/tokens'],
    ['https://h/identity', 'https://h/identity/v3/auth/tokens'],
    ['https://h/identity/v3', 'https://h/identity/v3/auth/tokens'],
    ['http://h:5000/v2.0', 'http://h:5000/v3/auth/tokens'],
  ])('%s → %s', (authUrl, expected) => {
    expect(keystoneTokensUrl(authUrl)).toBe(expected)
  })

  it('rejects a URL that is not one', () => {
    expect(() => keystoneTokensUrl('not a url')).toThrow(ConfigurationError)
  })

  it('posts to the normalised URL without a discovery request', async () => {
    const mock = keystoneMock()
    await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), { authUrl: `${keystone}/`, token: 't' })
    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${tokensUrl}`])
  })
})

describe('authenticate: response parsing', () => {
  it('takes the token from X-Subject-Token and parses issue and expiry times, ids, roles and catalog', async () => {
    const mock = keystoneMock()
    const token = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), { authUrl: keystone, token: 't' })
    expect(token).toEqual({
      token: 'subject-token',
      expiresAt: new Date('2026-11-25T18:41:25Z'),
      issuedAt: new Date('2026-11-25T14:41:25Z'),
      userId: 'user-1',
      projectId: 'project-1',
      domainId: undefined,
      system: false,
      roles: ['reader', 'member'],
      catalog: [
        {
          type: 'image',
          name: 'glance',
          endpoints: [
            { id: 'e1', interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://glance.test:9292' },
            { id: 'e2', interface: 'internal', region_id: 'RegionOne', region: 'RegionOne', url: 'http://glance.internal:9292' },
          ],
        },
      ],
    })
  })

  it('recognises system and domain scoped tokens and tolerates a missing catalog', async () => {
    const system = await authenticate(
      new HttpTransport({ dispatcher: keystoneMock({ token: { user: { id: 'u' }, system: { all: true }, roles: [] } }).dispatcher }),
      { authUrl: keystone, token: 't' },
    )
    expect(system).toMatchObject({ system: true, catalog: [], roles: [], expiresAt: undefined })
    const domain = await authenticate(
      new HttpTransport({ dispatcher: keystoneMock({ token: { domain: { id: 'd1', name: 'D' }, roles: [] } }).dispatcher }),
      { authUrl: keystone, token: 't' },
    )
    expect(domain).toMatchObject({ domainId: 'd1', system: false, projectId: undefined })
  })

  it('fails clearly when Keystone sends no X-Subject-Token', async () => {
    const mock = createMockDispatcher(http.post(tokensUrl, () => HttpResponse.json(projectTokenBody, { status: 201 })))
    const err = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), { authUrl: keystone, token: 't' }).catch((e) => e)
    expect(err).toBeInstanceOf(AuthenticationError)
    expect(err.message).toBe(`Invalid response from Keystone at ${tokensUrl}: no token in the response`)
  })
})

describe('authenticate: Keystone refusals use keystoneauth wording', () => {
  function refusing(status: number, body: unknown, headers: Record<string, string> = {}) {
    return createMockDispatcher(
      http.post(tokensUrl, () =>
        body === null ? new HttpResponse(null, { status, headers }) : HttpResponse.json(body, { status, headers }),
      ),
    )
  }

  it('turns a 401 into AuthenticationError with the request id', async () => {
    const mock = refusing(
      401,
      { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } },
      { 'x-openstack-request-id': 'req-c38eae23-3c6e-4706-a3be-88a2fd7a3f3b' },
    )
    const err = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), {
      ...password,
      username: 'demo',
      userDomainName: 'Default',
      projectName: 'demo',
    }).catch((e) => e)
    expect(err).toBeInstanceOf(AuthenticationError)
    expect(err.message).toBe(
      'The request you have made requires authentication. (HTTP 401) (Request-ID: req-c38eae23-3c6e-4706-a3be-88a2fd7a3f3b)',
    )
    expect(err.cause.status).toBe(401)
  })

  it('reports other statuses the same way, with keystoneauth fallbacks for empty bodies', async () => {
    const badRequest = refusing(400, { error: { code: 400, message: 'Expecting to find domain in project.', title: 'Bad Request' } })
    const err400 = await authenticate(new HttpTransport({ dispatcher: badRequest.dispatcher }), { authUrl: keystone, token: 't' }).catch(
      (e) => e,
    )
    expect(err400).toBeInstanceOf(AuthenticationError)
    expect(err400.message).toBe('Expecting to find domain in project. (HTTP 400)')

    const unavailable = refusing(503, null, { 'x-openstack-request-id': 'req-9' })
    const err503 = await authenticate(new HttpTransport({ dispatcher: unavailable.dispatcher }), { authUrl: keystone, token: 't' }).catch(
      (e) => e,
    )
    expect(err503.message).toBe('Service Unavailable (HTTP 503) (Request-ID: req-9)')

    const teapot = refusing(418, null)
    const err418 = await authenticate(new HttpTransport({ dispatcher: teapot.dispatcher }), { authUrl: keystone, token: 't' }).catch(
      (e) => e,
    )
    expect(err418.message).toBe('HTTP Client Error (HTTP 418)')
  })

  it('names the auth URL when it answers 300 (a version list, e.g. Glance given as Keystone)', async () => {
    const versions = refusing(300, { versions: [{ id: 'v2.16', status: 'CURRENT' }] })
    const err = await authenticate(new HttpTransport({ dispatcher: versions.dispatcher }), { authUrl: keystone, token: 't' }).catch((e) => e)
    expect(err).toBeInstanceOf(AuthenticationError)
    expect(err.message).toBe(`${tokensUrl} did not answer as a Keystone v3 token endpoint (HTTP 300): check the auth URL`)
  })

  it('lets connection failures through as CommunicationError', async () => {
    const mock = createMockDispatcher(http.post(tokensUrl, () => HttpResponse.error()))
    const err = await authenticate(new HttpTransport({ dispatcher: mock.dispatcher }), { authUrl: keystone, token: 't' }).catch((e) => e)
    expect(err).toBeInstanceOf(CommunicationError)
    // keystoneauth's ConnectFailure wording, which glance prints.
    expect(err.message).toMatch(new RegExp(`^Unable to establish connection to ${tokensUrl}: .+`))
  })
})

describe('authenticate: missing settings, before any request', () => {
  it('names the missing setting, in glance order, for password auth', async () => {
    expect(await failure({})).toMatchObject({ name: 'MissingCredentialError', credential: 'username', message: 'auth.username (or auth.userId) is required' })
    expect(await missing({ username: 'demo' })).toBe('password')
    expect(await missing({ username: 'demo', password: 'pw' })).toBe('project')
    expect(await missing({ username: 'demo', password: 'pw', projectName: 'demo' })).toBe('authUrl')
  })

  it('names what to set for token and application credential auth', async () => {
    expect(await missing({ authType: 'token' })).toBe('token')
    expect(await missing({ token: 't' })).toBe('authUrl')
    expect(await missing({ authType: 'v3applicationcredential', applicationCredentialSecret: 's' })).toBe('applicationCredential')
    expect(await missing({ applicationCredentialId: 'ac1' })).toBe('applicationCredentialSecret')
    expect(await missing({ applicationCredentialName: 'ci', applicationCredentialSecret: 's' })).toBe('applicationCredentialUser')
  })

  it('names a missing passcode, methods list or scope (v3totp, v3multifactor)', async () => {
    const totp: AuthFields = { authUrl: keystone, authType: 'v3totp' }
    expect(await missing(totp)).toBe('username')
    expect(await missing({ ...totp, username: 'demo' })).toBe('passcode')
    expect(await missing({ ...totp, username: 'demo', passcode: '1' })).toBe('project')
    expect(await missing({ ...totp, authUrl: undefined, username: 'demo', passcode: '1', projectId: 'p' })).toBe('authUrl')
    const multi: AuthFields = { authUrl: keystone, authType: 'v3multifactor', username: 'demo', projectId: 'p' }
    expect(await missing(multi)).toBe('authMethods')
    expect(await missing({ ...multi, authMethods: ['password', 'totp'], passcode: '1' })).toBe('password')
    expect(await missing({ ...multi, authMethods: ['password', 'totp'], password: 'pw' })).toBe('passcode')
  })

  it('refuses two scopes, unknown system scopes and auth type none', async () => {
    const user = { ...password, userId: 'u1' }
    expect((await failure({ ...user, projectId: 'p', domainId: 'd' })).message).toBe(
      'Authentication cannot be scoped to multiple targets. Pick one of: project, domain, trust or unscoped',
    )
    expect((await failure({ ...user, systemScope: 'nova' })).message).toBe('Unsupported system scope "nova": Keystone only supports "all"')
    expect(await missing({ authType: 'none', authUrl: keystone })).toBe('endpoint')
  })
})
