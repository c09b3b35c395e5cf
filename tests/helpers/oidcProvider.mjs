// A real OpenID Connect provider (oidc-provider 9) as a child process for the sign-in tests (issue 24).
// argv[2]: the client's redirect URI. It listens on port 0 and prints "listening PORT". One client
// (plenary-test / test-secret, authorization code with PKCE). Any login is an account whose e-mail is the
// login itself, verified unless the login starts with "unverified".
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{ client_id: 'plenary-test', client_secret: 'test-secret', redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['a-test-cookie-key'] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: !id.startsWith('unverified'), name: id.split('@')[0] };
        },
      };
    },
  });
  // The test provider runs on plain http on this machine.
  provider.proxy = false;
  server.on('request', provider.callback());
  console.log(`listening ${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
