import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadCloudsYaml } from '../../../src/sdk/config/clouds-yaml.js'
import { ConfigurationError } from '../../../src/sdk/errors.js'

let root: string
let cwd: string
let home: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsglance-clouds-'))
  cwd = join(root, 'work')
  home = join(root, 'home')
  await mkdir(cwd, { recursive: true })
  await mkdir(home, { recursive: true })
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function put(path: string, content: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, content)
  return path
}

/** A clouds.yaml holding one cloud whose auth_url says which file it came from. */
function cloudsFile(cloudName: string, origin: string): string {
  return `clouds:\n  ${cloudName}:\n    auth:\n      auth_url: http://${origin}:5000/v3\n`
}

const load = (cloudName: string, env: NodeJS.ProcessEnv = {}) => loadCloudsYaml({ cloudName, env, cwd, home })

describe('loadCloudsYaml: finding files like openstacksdk', () => {
  it('prefers ./clouds.yaml over ~/.config/openstack/clouds.yaml', async () => {
    await put(join(home, '.config/openstack/clouds.yaml'), cloudsFile('c', 'home'))
    expect((await load('c')).auth.authUrl).toBe('http://home:5000/v3')
    await put(join(cwd, 'clouds.yaml'), cloudsFile('c', 'cwd'))
    expect((await load('c')).auth.authUrl).toBe('http://cwd:5000/v3')
  })

  it('looks in $XDG_CONFIG_HOME/openstack before ~/.config/openstack', async () => {
    await put(join(home, '.config/openstack/clouds.yaml'), cloudsFile('c', 'home'))
    await put(join(root, 'xdg/openstack/clouds.yaml'), cloudsFile('c', 'xdg'))
    expect((await load('c', { XDG_CONFIG_HOME: join(root, 'xdg') })).auth.authUrl).toBe('http://xdg:5000/v3')
  })

  it('tries OS_CLIENT_CONFIG_FILE first, and skips it when missing', async () => {
    await put(join(cwd, 'clouds.yaml'), cloudsFile('c', 'cwd'))
    const override = await put(join(root, 'elsewhere/my-clouds.yaml'), cloudsFile('c', 'override'))
    expect((await load('c', { OS_CLIENT_CONFIG_FILE: override })).auth.authUrl).toBe('http://override:5000/v3')
    expect((await load('c', { OS_CLIENT_CONFIG_FILE: join(root, 'missing.yaml') })).auth.authUrl).toBe('http://cwd:5000/v3')
  })

  it('reads .yml and .json, .yaml first', async () => {
    await put(join(cwd, 'clouds.json'), JSON.stringify({ clouds: { c: { auth: { auth_url: 'http://json:5000' } } } }))
    expect((await load('c')).auth.authUrl).toBe('http://json:5000')
    await put(join(cwd, 'clouds.yml'), cloudsFile('c', 'yml'))
    expect((await load('c')).auth.authUrl).toBe('http://yml:5000/v3')
  })

  it('uses only the first clouds file found, never merging later ones', async () => {
    await put(join(cwd, 'clouds.yaml'), cloudsFile('first', 'cwd'))
    await put(join(home, '.config/openstack/clouds.yaml'), cloudsFile('second', 'home'))
    await expect(load('second')).rejects.toThrow('Cloud second was not found.')
  })
})

describe('loadCloudsYaml: secure.yaml', () => {
  it('deep-merges the first secure.yaml over the cloud, wherever each was found', async () => {
    await put(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  c:\n    auth:\n      auth_url: http://k:5000/v3\n      username: demo\n      password: placeholder\n    region_name: RegionOne\n',
    )
    await put(join(home, '.config/openstack/secure.yaml'), 'clouds:\n  c:\n    auth:\n      password: from-secure\n')
    const config = await load('c')
    expect(config.auth).toMatchObject({ authUrl: 'http://k:5000/v3', username: 'demo', password: 'from-secure' })
    expect(config.regionName).toBe('RegionOne')
  })

  it('tries OS_CLIENT_SECURE_FILE first', async () => {
    await put(join(cwd, 'clouds.yaml'), cloudsFile('c', 'cwd'))
    await put(join(cwd, 'secure.yaml'), 'clouds:\n  c:\n    auth:\n      password: cwd-secret\n')
    const secure = await put(join(root, 'vault/secure.yaml'), 'clouds:\n  c:\n    auth:\n      password: vault-secret\n')
    expect((await load('c', { OS_CLIENT_SECURE_FILE: secure })).auth.password).toBe('vault-secret')
  })
})

describe('loadCloudsYaml: mapping a cloud', () => {
  it('maps auth, region, interface, TLS, timeout and image settings', async () => {
    await put(
      join(cwd, 'clouds.yaml'),
      [
        'clouds:',
        '  full:',
        '    auth_type: password',
        '    auth:',
        '      auth_url: https://keystone.test/v3',
        '      username: demo',
        '      password: 123456', // unquoted: YAML parses a number
        '      tenant_name: demo',
        '      user-domain-name: Default', // openstacksdk accepts dashes
        '      project_domain_id: default',
        '      system_scope: all',
        '    region_name: RegionTwo',
        '    endpoint_type: internalURL',
        '    verify: false',
        '    cacert: ~/ca.pem',
        '    cert: /etc/ssl/client.pem',
        '    key: /etc/ssl/client.key',
        '    api_timeout: 30',
        '    image_api_version: 2',
        '    image_endpoint_override: http://glance.test:9292',
        '    image_service_type: image-v2',
      ].join('\n'),
    )
    expect(await load('full')).toEqual({
      cloudName: 'full',
      auth: {
        authType: 'password',
        authUrl: 'https://keystone.test/v3',
        username: 'demo',
        password: '123456',
        projectName: 'demo',
        userDomainName: 'Default',
        projectDomainId: 'default',
        systemScope: 'all',
      },
      regionName: 'RegionTwo',
      interface: 'internalURL',
      insecure: true,
      caFile: join(home, 'ca.pem'),
      certFile: '/etc/ssl/client.pem',
      keyFile: '/etc/ssl/client.key',
      timeoutSeconds: 30,
      imageApiVersion: '2',
      imageUrl: 'http://glance.test:9292',
      serviceType: 'image-v2',
    })
  })

  it('maps an application credential cloud like the dev stack one', async () => {
    await put(
      join(cwd, 'clouds.yaml'),
      [
        'clouds:',
        '  demo-appcred:',
        '    auth_type: v3applicationcredential',
        '    auth:',
        '      auth_url: http://127.0.0.1:5000/v3',
        '      application_credential_id: 87d46565',
        '      application_credential_secret: WPU27',
        '    region_name: RegionOne',
        '    interface: public',
        '    identity_api_version: 3',
        '    image_api_version: 2',
      ].join('\n'),
    )
    expect(await load('demo-appcred')).toEqual({
      cloudName: 'demo-appcred',
      auth: {
        authType: 'v3applicationcredential',
        authUrl: 'http://127.0.0.1:5000/v3',
        applicationCredentialId: '87d46565',
        applicationCredentialSecret: 'WPU27',
      },
      regionName: 'RegionOne',
      interface: 'public',
      imageApiVersion: '2',
    })
  })

  it('prefers image-specific keys and project_* over tenant_*, and falls back to the first region', async () => {
    await put(
      join(cwd, 'clouds.yaml'),
      [
        'clouds:',
        '  c:',
        '    auth: {project_id: new, tenant_id: old, token: tok}',
        '    regions: [{name: First}, Second]',
        '    interface: public',
        '    image_interface: internal',
        '    insecure: "true"',
      ].join('\n'),
    )
    const config = await load('c')
    expect(config.auth).toEqual({ projectId: 'new', token: 'tok', authType: 'token' })
    expect(config.regionName).toBe('First')
    expect(config.interface).toBe('internal')
    expect(config.insecure).toBe(true)
  })

  it('reads the endpoint of an auth_type none cloud as the image URL', async () => {
    await put(join(cwd, 'clouds.yaml'), 'clouds:\n  standalone:\n    auth_type: none\n    auth:\n      endpoint: http://glance.test:9292\n')
    expect(await load('standalone')).toEqual({
      cloudName: 'standalone',
      auth: { authType: 'none' },
      imageUrl: 'http://glance.test:9292',
    })
  })

  it('treats domain_name with a project as the user and project domain (openstacksdk)', async () => {
    await put(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  c:\n    auth:\n      username: u\n      project_name: p\n      domain_name: Shared\n      project_domain_id: explicit\n',
    )
    expect((await load('c')).auth).toEqual({
      authType: 'password',
      username: 'u',
      projectName: 'p',
      userDomainName: 'Shared',
      projectDomainId: 'explicit',
    })
  })

  it('keeps domain_name as a domain scope without a project', async () => {
    await put(join(cwd, 'clouds.yaml'), 'clouds:\n  c:\n    auth:\n      username: u\n      domain_name: Shared\n')
    expect((await load('c')).auth).toEqual({ authType: 'password', username: 'u', domainName: 'Shared' })
  })
})

describe('loadCloudsYaml: errors', () => {
  it('reports an unknown cloud with openstacksdk wording, with or without any file', async () => {
    const none = await load('nowhere').catch((e) => e)
    expect(none).toBeInstanceOf(ConfigurationError)
    expect(none.message).toBe('Cloud nowhere was not found.')
    await put(join(cwd, 'clouds.yaml'), cloudsFile('c', 'cwd'))
    await expect(load('other')).rejects.toThrow('Cloud other was not found.')
  })

  it('names the file it cannot parse', async () => {
    const path = await put(join(cwd, 'clouds.yaml'), 'clouds:\n  c: [unclosed\n')
    const err = await load('c').catch((e) => e)
    expect(err).toBeInstanceOf(ConfigurationError)
    expect(err.message).toContain(`Could not parse ${path}`)
  })

  it('reads the passcode and auth_methods as a YAML list or a string (v3multifactor)', async () => {
    const cloud = (methods: string) =>
      `clouds:\n  c:\n    auth_type: v3multifactor\n    auth:\n      passcode: '012345'\n      auth_methods: ${methods}\n`
    await put(join(cwd, 'clouds.yaml'), cloud('[v3password, v3totp]'))
    expect((await load('c')).auth).toMatchObject({ authType: 'v3multifactor', passcode: '012345', authMethods: ['password', 'totp'] })
    await put(join(cwd, 'clouds.yaml'), cloud('v3totp,v3password'))
    expect((await load('c')).auth.authMethods).toEqual(['totp', 'password'])
  })

  it('reads the OpenID Connect options of a v3oidc* cloud', async () => {
    const auth = [
      'identity_provider: idp', 'protocol: openid', 'client_id: cid', 'client_secret: cs', 'openid_scope: openid email',
      'discovery_endpoint: http://idp/d', 'access_token_endpoint: http://idp/t', 'access_token_type: id_token', 'access_token: at',
    ]
    await put(join(cwd, 'clouds.yaml'), `clouds:\n  c:\n    auth_type: v3oidcpassword\n    auth:\n${auth.map((l) => `      ${l}\n`).join('')}`)
    expect((await load('c')).auth).toEqual({
      authType: 'v3oidcpassword', identityProvider: 'idp', protocol: 'openid', clientId: 'cid', clientSecret: 'cs', openidScope: 'openid email',
      discoveryEndpoint: 'http://idp/d', accessTokenEndpoint: 'http://idp/t', accessTokenType: 'id_token', accessToken: 'at',
    })
  })

  it('rejects an auth_type it does not implement', async () => {
    await put(join(cwd, 'clouds.yaml'), 'clouds:\n  c:\n    auth_type: v3kerberos\n')
    await expect(load('c')).rejects.toMatchObject({ name: 'UnsupportedAuthTypeError', authType: 'v3kerberos' })
  })
})
