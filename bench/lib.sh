# Shared by the bench scripts (source it after an openrc): a Keystone token
# for the openrc's user and the Glance endpoint from its catalog, so curl can
# be timed on exactly the requests tsglance and glance make.

# glance_endpoint_and_token: prints "<glance endpoint> <token>"
glance_endpoint_and_token() {
  node --input-type=module -e "
    import { authenticate } from './dist/sdk/auth/index.js'
    import { findEndpoint } from './dist/sdk/auth/catalog.js'
    import { HttpTransport } from './dist/sdk/transport/http-transport.js'
    const env = process.env
    const transport = new HttpTransport()
    const token = await authenticate(transport, { authUrl: env.OS_AUTH_URL, username: env.OS_USERNAME, password: env.OS_PASSWORD,
      projectName: env.OS_PROJECT_NAME, userDomainName: env.OS_USER_DOMAIN_NAME, projectDomainName: env.OS_PROJECT_DOMAIN_NAME })
    console.log(findEndpoint(token.catalog, { serviceType: 'image', interface: 'public' }) + ' ' + token.token)
    await transport.close()"
}
