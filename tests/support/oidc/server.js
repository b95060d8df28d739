// A certified OpenID Connect provider (panva/oidc-provider) on 127.0.0.1 for idp's identity
// tests (tests/it/identity.rs): the client `idp` (public, device authorization grant and
// refresh tokens), the users `alice` (group /platform/admins) and `bob` (group /developers),
// an RSA signing key made at start. It prints one JSON line, {"issuer": "http://127.0.0.1:PORT"},
// when it listens. Token lifetimes come from OIDC_ID_TTL, OIDC_ACCESS_TTL, OIDC_REFRESH_TTL
// (seconds).
//
// Test-only routes, standing in for the user's browser:
//   GET /test/approve?user_code=X&login=alice  signs in as `login` and approves the device code
//                                              through the provider's own pages (device form,
//                                              login, consent), as a browser would
//   GET /test/events                           what the provider reported (revocations)
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const seconds = (name, dflt) => Number(process.env[name] || dflt);

const accounts = {
  alice: { email: 'alice@example.com', groups: ['/platform/admins'] },
  bob: { email: 'bob@example.com', groups: ['/developers'] },
};

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'idp-test', use: 'sig', alg: 'RS256' };

const events = [];

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'idp',
      client_name: 'idp',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['idp-test-cookie-key'] },
    features: {
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      devInteractions: { enabled: true },
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username'],
      groups: ['groups'],
    },
    // Like Keycloak's group mapper: the claims of the granted scopes are in the ID token.
    conformIdTokenClaims: false,
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: seconds('OIDC_ACCESS_TTL', 600),
      IdToken: seconds('OIDC_ID_TTL', 600),
      RefreshToken: seconds('OIDC_REFRESH_TTL', 3600),
      DeviceCode: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            preferred_username: id,
            email: account.email,
            email_verified: true,
            groups: account.groups,
          };
        },
      };
    },
  });
  provider.on('grant.revoked', () => events.push('revocation'));
  provider.on('server_error', (ctx, err) => console.error('server_error', err));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/test/approve') {
      approve(issuer, url.searchParams.get('user_code'), url.searchParams.get('login'))
        .then(() => { res.writeHead(200); res.end('approved\n'); })
        .catch((e) => { res.writeHead(500); res.end(`${e.stack}\n`); });
      return;
    }
    if (url.pathname === '/test/events') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(events));
      return;
    }
    callback(req, res);
  });
  console.log(JSON.stringify({ issuer }));
});

// A browser: cookies, manual redirects, the provider's forms.
async function approve(issuer, userCode, login) {
  const jar = new Map();
  const go = async (url, form) => {
    const headers = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    const init = { headers, redirect: 'manual' };
    if (form) {
      init.method = 'POST';
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form).toString();
    }
    const res = await fetch(new URL(url, issuer), init);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(k); else jar.set(k, v);
    }
    return res;
  };
  const follow = async (res) => {
    for (let n = 0; n < 20 && res.status >= 300 && res.status < 400; n += 1) {
      res = await go(res.headers.get('location'));
    }
    return { res, html: await res.text() };
  };
  const xsrf = (html) => {
    const m = html.match(/name="xsrf" value="([^"]+)"/);
    if (!m) throw new Error(`no xsrf in ${html}`);
    return m[1];
  };
  let page = await follow(await go('/device'));
  page = await follow(await go('/device', { xsrf: xsrf(page.html), user_code: userCode }));
  page = await follow(await go('/device', { xsrf: xsrf(page.html), user_code: userCode, confirm: 'yes' }));
  for (let n = 0; n < 5; n += 1) {
    const action = page.html.match(/<form[^>]*action="([^"]+)"/);
    if (page.html.includes('name="prompt" value="login"') && action) {
      page = await follow(await go(action[1], { prompt: 'login', login, password: 'x' }));
    } else if (page.html.includes('name="prompt" value="consent"') && action) {
      page = await follow(await go(action[1], { prompt: 'consent' }));
    } else {
      break;
    }
  }
  if (!page.html.includes('Sign-in Success')) {
    throw new Error(`the device flow did not succeed: ${page.res.status} ${page.html}`);
  }
}
