/**
 * A Keystone project and user of one test run, so a suite can tell what *it*
 * changed on the shared stack: other suites (and other engineers' runs) create
 * and delete images, tasks and namespaces at the same time, but never in this
 * project. By default the user has the `admin` role on the project, so
 * admin-only calls (tasks, metadefs, stores) reach the checks under test
 * instead of a 403; what it creates is still owned by the project. With the
 * `member` role instead, listings too show only the project's own private
 * images (an admin sees every project's). `remove()` deletes the user and the
 * project (not what they own: the suite cleans that up first).
 */
import { randomBytes } from 'node:crypto'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { registerSecret } from './secrets.js'
import { issueToken, openrc } from './stack.js'

export interface ScratchProject {
  name: string
  projectId: string
  userId: string
  /** The Keystone domain of both the project and the user. */
  domainId: string
  /** OS_* variables of the scratch user, shaped like the stack's openrc files. */
  env: Record<string, string>
  remove(): Promise<void>
}

const DOMAIN_ID = 'default'

/** Delete Keystone users and projects by path (`/users/<id>`, `/projects/<id>`), with a fresh admin token. */
async function deleteFromKeystone(keystone: string, paths: string[]): Promise<void> {
  const transport = new HttpTransport({ userAgent: 'tsglance-e2e' })
  const { token } = await issueToken('admin')
  try {
    for (const path of paths) {
      const res = await transport.send({ method: 'DELETE', url: `${keystone}${path}`, headers: { 'X-Auth-Token': token }, expect: [204, 404] })
      await res.dump()
    }
  } finally {
    await transport.close()
  }
}

export async function createScratchProject(label: string, role: 'admin' | 'member' = 'admin'): Promise<ScratchProject> {
  const admin = openrc('admin')
  const keystone = admin.OS_AUTH_URL.replace(/\/+$/, '').replace(/\/v3$/, '') + '/v3'
  const { token } = await issueToken('admin')
  const transport = new HttpTransport({ userAgent: 'tsglance-e2e' })
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown): Promise<T> => {
    const res = await transport.send({ method, url: `${keystone}${path}`, json, headers: { 'X-Auth-Token': token }, expect: [200, 201, 204] })
    return (method === 'PUT' ? (await res.dump(), undefined) : await res.json<T>()) as T
  }
  const name = `tsglance-${label}-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  registerSecret(password, `the password of scratch user ${name}`)
  // What was made so far, deleted again if a later step fails.
  const made: string[] = []
  try {
    const { project } = await call<{ project: { id: string } }>('POST', '/projects', { project: { name, domain_id: DOMAIN_ID } })
    made.unshift(`/projects/${project.id}`)
    const { user } = await call<{ user: { id: string } }>('POST', '/users', {
      user: { name, password, domain_id: DOMAIN_ID, default_project_id: project.id },
    })
    made.unshift(`/users/${user.id}`)
    const { roles } = await call<{ roles: { id: string }[] }>('GET', `/roles?name=${role}`)
    await call('PUT', `/projects/${project.id}/users/${user.id}/roles/${roles[0].id}`)
    const env = {
      ...admin,
      OS_USERNAME: name,
      OS_PASSWORD: password,
      OS_PROJECT_NAME: name,
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
    }
    const paths = [...made]
    return { name, projectId: project.id, userId: user.id, domainId: DOMAIN_ID, env, remove: () => deleteFromKeystone(keystone, paths) }
  } catch (err) {
    await deleteFromKeystone(keystone, made).catch(() => undefined)
    throw err
  } finally {
    await transport.close()
  }
}
