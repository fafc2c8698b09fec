import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inferAuthType, parseAuthMethods, parseAuthType } from '../../../src/sdk/auth/auth-type.js'
import { resolveConnectionConfig } from '../../../src/sdk/config/resolve.js'
import type { ConnectionSettings } from '../../../src/sdk/config/types.js'
import { ConfigurationError } from '../../../src/sdk/errors.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsglance-resolve-'))
  await writeFile(
    join(dir, 'clouds.yaml'),
    [
      'clouds:',
      '  yaml-cloud:',
      '    auth:',
      '      auth_url: http://from-yaml:5000/v3',
      '      username: yaml-user',
      '      password: yaml-pass',
      '      project_name: yaml-project',
      '      user_domain_name: Default',
      '      project_domain_name: Default',
      '    region_name: YamlRegion',
      '    interface: admin',
      '    api_timeout: 12',
      '    image_api_version: 2',
      '  other-cloud:',
      '    auth:',
      '      auth_url: http://other:5000/v3',
    ].join('\n'),
  )
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const resolve = (flags: ConnectionSettings, env: NodeJS.ProcessEnv = {}) =>
  resolveConnectionConfig({ flags, env, cwd: dir, home: dir })

describe('resolveConnectionConfig: precedence', () => {
  it('takes each field from flags, then OS_* env, then the named cloud', async () => {
    const config = await resolve(
      { cloud: 'yaml-cloud', username: 'flag-user', regionName: 'FlagRegion' },
      { OS_USERNAME: 'env-user', OS_PASSWORD: 'env-pass', OS_REGION_NAME: 'EnvRegion', OS_ENDPOINT_TYPE: 'internal' },
    )
    expect(config).toEqual({
      cloudName: 'yaml-cloud',
      auth: {
        authType: 'password',
        authUrl: 'http://from-yaml:5000/v3',
        username: 'flag-user',
        password: 'env-pass',
        projectName: 'yaml-project',
        userDomainName: 'Default',
        projectDomainName: 'Default',
      },
      regionName: 'FlagRegion',
      interface: 'internal',
      timeoutSeconds: 12,
      imageApiVersion: '2',
    })
  })

  it('picks the cloud from --os-cloud over OS_CLOUD', async () => {
    expect((await resolve({}, { OS_CLOUD: 'other-cloud' })).auth.authUrl).toBe('http://other:5000/v3')
    expect((await resolve({ cloud: 'yaml-cloud' }, { OS_CLOUD: 'other-cloud' })).cloudName).toBe('yaml-cloud')
  })

  it('reads no clouds.yaml unless a cloud is named, as glance never does', async () => {
    expect(await resolve({}, { OS_AUTH_URL: 'http://env:5000' })).toEqual({
      auth: { authType: 'password', authUrl: 'http://env:5000' },
    })
  })

  it('finds the clouds file through OS_CLIENT_CONFIG_FILE from the same env', async () => {
    const config = await resolveConnectionConfig({
      flags: { cloud: 'other-cloud' },
      env: { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml') },
      cwd: tmpdir(),
      home: tmpdir(),
    })
    expect(config.auth.authUrl).toBe('http://other:5000/v3')
  })

  it('reports an unknown cloud', async () => {
    await expect(resolve({}, { OS_CLOUD: 'missing' })).rejects.toThrow(new ConfigurationError('Cloud missing was not found.'))
  })

  it('lets any source switch TLS verification off, none switch it back on', async () => {
    await writeFile(join(dir, 'clouds.yaml'), 'clouds:\n  lax:\n    verify: false\n')
    expect((await resolve({ cloud: 'lax', insecure: false })).insecure).toBe(true)
    expect((await resolve({ insecure: true })).insecure).toBe(true)
    expect((await resolve({ insecure: false })).insecure).toBeUndefined()
  })
})

describe('resolveConnectionConfig: environment variables', () => {
  it('maps every glance and keystoneauth variable', async () => {
    const config = await resolve(
      {},
      {
        OS_AUTH_URL: 'http://k:5000',
        OS_AUTH_TYPE: 'v3password',
        OS_USERNAME: 'u',
        OS_USER_ID: 'uid',
        OS_PASSWORD: 'p',
        OS_USER_DOMAIN_NAME: 'UD',
        OS_USER_DOMAIN_ID: 'udid',
        OS_PROJECT_NAME: 'pn',
        OS_PROJECT_ID: 'pid',
        OS_PROJECT_DOMAIN_NAME: 'PD',
        OS_PROJECT_DOMAIN_ID: 'pdid',
        OS_SYSTEM_SCOPE: 'all',
        OS_REGION_NAME: 'R',
        OS_INTERFACE: 'internal',
        OS_SERVICE_TYPE: 'image',
        OS_IMAGE_URL: 'http://g:9292',
        OS_CACERT: '/ca',
        OS_CERT: '/cert',
        OS_KEY: '/key',
        OS_IMAGE_API_VERSION: '2',
      },
    )
    expect(config).toEqual({
      auth: {
        authType: 'password',
        authUrl: 'http://k:5000',
        username: 'u',
        userId: 'uid',
        password: 'p',
        userDomainName: 'UD',
        userDomainId: 'udid',
        projectName: 'pn',
        projectId: 'pid',
        projectDomainName: 'PD',
        projectDomainId: 'pdid',
        systemScope: 'all',
      },
      regionName: 'R',
      interface: 'internal',
      serviceType: 'image',
      imageUrl: 'http://g:9292',
      caFile: '/ca',
      certFile: '/cert',
      keyFile: '/key',
      imageApiVersion: '2',
    })
  })

  it("prefers glance's spellings and falls back to the older or keystoneauth ones", async () => {
    const legacy = await resolve({}, { OS_TENANT_NAME: 'tn', OS_TENANT_ID: 'tid', OS_USER_NAME: 'un', OS_TOKEN: 't', OS_AUTH_PLUGIN: 'token' })
    expect(legacy.auth).toEqual({ authType: 'token', projectName: 'tn', projectId: 'tid', username: 'un', token: 't' })
    const both = await resolve(
      {},
      { OS_PROJECT_NAME: 'pn', OS_TENANT_NAME: 'tn', OS_AUTH_TOKEN: 'glance', OS_TOKEN: 'ks', OS_ENDPOINT_TYPE: 'publicURL', OS_INTERFACE: 'admin' },
    )
    expect(both.auth).toMatchObject({ projectName: 'pn', token: 'glance' })
    expect(both.interface).toBe('publicURL')
  })

  it('treats empty variables and flags as unset', async () => {
    const config = await resolve({ username: '' }, { OS_USERNAME: '', OS_PROJECT_DOMAIN_ID: '', OS_CLOUD: '', OS_PASSWORD: 'p' })
    expect(config).toEqual({ auth: { authType: 'password', password: 'p' } })
  })

  it('maps application credential variables', async () => {
    const config = await resolve({}, { OS_APPLICATION_CREDENTIAL_NAME: 'ci', OS_APPLICATION_CREDENTIAL_SECRET: 's', OS_USER_ID: 'u1' })
    expect(config.auth).toEqual({
      authType: 'v3applicationcredential',
      applicationCredentialName: 'ci',
      applicationCredentialSecret: 's',
      userId: 'u1',
    })
  })
})

describe('resolveConnectionConfig: auth type and domains', () => {
  it('uses a named auth type from any source, the highest one winning', async () => {
    expect((await resolve({ authType: 'token', username: 'u' }, { OS_AUTH_TYPE: 'password' })).auth.authType).toBe('token')
    expect((await resolve({ token: 't' }, { OS_AUTH_TYPE: 'password' })).auth.authType).toBe('password')
  })

  it('infers application credential, then token, then password', async () => {
    expect((await resolve({ applicationCredentialId: 'a', token: 't', password: 'p' })).auth.authType).toBe('v3applicationcredential')
    expect((await resolve({ token: 't', password: 'p' })).auth.authType).toBe('token')
    expect((await resolve({ password: 'p' })).auth.authType).toBe('password')
  })

  it('rejects an unknown --os-auth-type', async () => {
    await expect(resolve({ authType: 'v3kerberos' })).rejects.toThrow(ConfigurationError)
  })

  it('fills missing user and project domains from the default domain, never overriding', async () => {
    const config = await resolve({ username: 'u', projectName: 'p', userDomainName: 'Mine' }, { OS_DEFAULT_DOMAIN_ID: 'default' })
    expect(config.auth).toEqual({ authType: 'password', username: 'u', projectName: 'p', userDomainName: 'Mine', projectDomainId: 'default' })
  })

  it('turns OS_DOMAIN_* into the project and user domain when a project is named', async () => {
    const config = await resolve({ projectName: 'p' }, { OS_DOMAIN_NAME: 'Shared' })
    expect(config.auth).toEqual({ authType: 'password', projectName: 'p', userDomainName: 'Shared', projectDomainName: 'Shared' })
    const domainScoped = await resolve({ userId: 'u' }, { OS_DOMAIN_ID: 'd1' })
    expect(domainScoped.auth).toEqual({ authType: 'password', userId: 'u', domainId: 'd1' })
  })
})

describe('parseAuthType / inferAuthType', () => {
  it('accepts keystoneauth plugin names for the implemented methods', () => {
    const oidc = ['v3oidcpassword', 'v3oidcclientcredentials', 'v3oidcaccesstoken']
    const names = ['password', 'v3password', 'token', 'v3token', 'v3applicationcredential', 'v3totp', 'v3multifactor', ...oidc, 'none']
    expect(names.map(parseAuthType)).toEqual([
      'password', 'password', 'token', 'token', 'v3applicationcredential', 'v3totp', 'v3multifactor', ...oidc, 'none',
    ])
    expect(() => parseAuthType('admin_token')).toThrow(expect.objectContaining({ name: 'UnsupportedAuthTypeError', authType: 'admin_token', supported: names }))
  })

  it('parses v3multifactor methods from plugin names, comma-separated or listed', () => {
    expect(parseAuthMethods('v3password,v3totp')).toEqual(['password', 'totp'])
    expect(parseAuthMethods([' totp ', 'password', 'v3totp'])).toEqual(['totp', 'password'])
    expect(() => parseAuthMethods('v3password,v3token')).toThrow(
      expect.objectContaining({ name: 'UnsupportedAuthMethodError', method: 'v3token', supported: ['password', 'v3password', 'totp', 'v3totp'] }),
    )
  })

  it('takes the passcode and methods from OS_PASSCODE and OS_AUTH_METHODS, flags first', async () => {
    const env = { OS_AUTH_TYPE: 'v3multifactor', OS_PASSCODE: '111111', OS_AUTH_METHODS: 'v3password,v3totp' }
    expect((await resolve({}, env)).auth).toMatchObject({ authType: 'v3multifactor', passcode: '111111', authMethods: ['password', 'totp'] })
    expect((await resolve({ passcode: '222222', authMethods: 'v3totp' }, env)).auth).toMatchObject({ passcode: '222222', authMethods: ['totp'] })
  })

  it('takes the OpenID Connect settings from keystoneauth\'s OS_* variables', async () => {
    const env = {
      OS_AUTH_TYPE: 'v3oidcpassword',
      OS_IDENTITY_PROVIDER: 'idp',
      OS_PROTOCOL: 'openid',
      OS_CLIENT_ID: 'cid',
      OS_CLIENT_SECRET: 'csecret',
      OS_OPENID_SCOPE: 'openid email',
      OS_DISCOVERY_ENDPOINT: 'http://idp/.well-known/openid-configuration',
      OS_ACCESS_TOKEN_ENDPOINT: 'http://idp/token',
      OS_ACCESS_TOKEN_TYPE: 'id_token',
      OS_ACCESS_TOKEN: 'at',
    }
    expect((await resolve({ clientId: 'from-flag' }, env)).auth).toEqual({
      authType: 'v3oidcpassword',
      identityProvider: 'idp',
      protocol: 'openid',
      clientId: 'from-flag',
      clientSecret: 'csecret',
      openidScope: 'openid email',
      discoveryEndpoint: 'http://idp/.well-known/openid-configuration',
      accessTokenEndpoint: 'http://idp/token',
      accessTokenType: 'id_token',
      accessToken: 'at',
    })
  })

  it('infers from the credentials present', () => {
    expect(inferAuthType({ applicationCredentialName: 'n' })).toBe('v3applicationcredential')
    expect(inferAuthType({ token: 't' })).toBe('token')
    expect(inferAuthType({})).toBe('password')
  })
})
