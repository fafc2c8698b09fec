/**
 * GlanceClient.fromEnv / fromCloud: the resolver the CLI uses (OS_* over the
 * clouds.yaml entry), for Node apps, checked by where the client sends its
 * first requests and with which credentials.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { GlanceClient } from '../../../src/sdk/client.js'
import { ValidationError } from '../../../src/sdk/errors.js'
import { keystoneTokenResponse } from '../../support/keystone-token.js'
import { createMockDispatcher } from '../../support/msw-dispatcher.js'

const glance = 'http://glance.test:9292'

function cloudsDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsglance-clouds-'))
  writeFileSync(join(dir, 'clouds.yaml'), yaml)
  return dir
}

function mock() {
  return createMockDispatcher(
    http.post('http://:host/v3/auth/tokens', () => keystoneTokenResponse(glance, 'tok')),
    http.get(`${glance}/v2/images/i1`, () => HttpResponse.json({ id: 'i1' })),
  )
}

const tokenRequest = (m: ReturnType<typeof mock>) => {
  const req = m.requests.find((r) => r.url.endsWith('/v3/auth/tokens'))!
  return { url: req.url, body: JSON.parse(req.body.toString()).auth }
}

describe('GlanceClient.fromEnv', () => {
  it('reads the OS_* variables of an openrc', async () => {
    const m = mock()
    const env = {
      OS_AUTH_URL: 'http://keystone.env:5000/v3',
      OS_USERNAME: 'demo',
      OS_PASSWORD: 'secret',
      OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    }
    const client = await GlanceClient.fromEnv({ env, dispatcher: m.dispatcher, home: cloudsDir('') })
    expect(await client.images.get('i1')).toEqual({ id: 'i1' })
    const { url, body } = tokenRequest(m)
    expect(url).toBe('http://keystone.env:5000/v3/auth/tokens')
    expect(body.identity.password.user).toEqual({ name: 'demo', password: 'secret', domain: { name: 'Default' } })
    expect(body.scope.project).toEqual({ name: 'demo', domain: { name: 'Default' } })
  })
})

describe('GlanceClient.fromCloud', () => {
  const yaml = [
    'clouds:',
    '  lab:',
    '    auth:',
    '      auth_url: http://keystone.yaml:5000',
    '      username: alice',
    '      password: from-yaml',
    '      project_name: lab',
    '      user_domain_name: Default',
    '      project_domain_name: Default',
    '',
  ].join('\n')

  it('reads the named clouds.yaml entry; OS_* variables override its fields', async () => {
    const dir = cloudsDir(yaml)
    const m = mock()
    const client = await GlanceClient.fromCloud('lab', { env: { OS_PASSWORD: 'from-env' }, cwd: dir, home: dir, dispatcher: m.dispatcher })
    await client.images.get('i1')
    const { url, body } = tokenRequest(m)
    expect(url).toBe('http://keystone.yaml:5000/v3/auth/tokens')
    expect(body.identity.password.user).toMatchObject({ name: 'alice', password: 'from-env' })
  })

  it('takes the cloud from OS_CLOUD when no name is given, and says so when neither is', async () => {
    const dir = cloudsDir(yaml)
    const m = mock()
    const client = await GlanceClient.fromCloud(undefined, { env: { OS_CLOUD: 'lab' }, cwd: dir, home: dir, dispatcher: m.dispatcher })
    await client.images.get('i1')
    expect(tokenRequest(m).body.identity.password.user.password).toBe('from-yaml')
    await expect(GlanceClient.fromCloud(undefined, { env: {}, cwd: dir, home: dir })).rejects.toBeInstanceOf(ValidationError)
  })

  it('an unknown cloud is a ConfigurationError before any request', async () => {
    const dir = cloudsDir(yaml)
    await expect(GlanceClient.fromCloud('nope', { env: {}, cwd: dir, home: dir })).rejects.toMatchObject({ name: 'ConfigurationError' })
  })
})
