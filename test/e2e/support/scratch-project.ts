/**
 * A Keystone project and user of one test run, so a suite can tell what *it*
 * changed on the shared stack: other suites (and other engineers' runs) create
 * and delete images, tasks and namespaces at the same time, but never in this
 * project. The user has the `admin` role on the project, so admin-only calls
 * (tasks, metadefs, stores) reach the checks under test instead of a 403;
 * what it creates is still owned by the project. `remove()` deletes the user
 * and the project (not what they own: the suite cleans that up first).
 */
import { randomBytes } from 'node:crypto'
import { HttpTransport } from '../../../src/sdk/transport/http-transport.js'
import { issueToken, openrc } from './stack.js'

export interface ScratchProject {
  name: string
  projectId: string
  userId: string
  /** OS_* variables of the scratch user, shaped like the stack's openrc files. */
  env: Record<string, string>
  remove(): Promise<void>
}

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

export async function createScratchProject(label: string): Promise<ScratchProject> {
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
  // What was made so far, deleted again if a later step fails.
  const made: string[] = []
  try {
    const { project } = await call<{ project: { id: string } }>('POST', '/projects', { project: { name, domain_id: 'default' } })
    made.unshift(`/projects/${project.id}`)
    const { user } = await call<{ user: { id: string } }>('POST', '/users', {
      user: { name, password, domain_id: 'default', default_project_id: project.id },
    })
    made.unshift(`/users/${user.id}`)
    const { roles } = await call<{ roles: { id: string }[] }>('GET', '/roles?name=admin')
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
    return { name, projectId: project.id, userId: user.id, env, remove: () => deleteFromKeystone(keystone, paths) }
  } catch (err) {
    await deleteFromKeystone(keystone, made).catch(() => undefined)
    throw err
  } finally {
    await transport.close()
  }
}
