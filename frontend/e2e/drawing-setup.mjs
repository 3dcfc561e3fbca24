// Drives a drawing through its lifecycle with the admin API, for the browser journey and
// for trying the results and "Verify this draw" pages by hand:
//
//   node e2e/drawing-setup.mjs http://localhost:8095 admin@fittrack.local 'admin password' \
//        TOTP_SECRET [member-email member-password tickets]
//
// (`make dev` prints the demo admin's password and base32 TOTP secret.) Executing,
// cancelling and redrawing, bans and point adjustments need a step-up (RFC 9470):
// adminSignIn() signs in and sends POST /auth/mfa/verify with the current code.
//
// createOpenDrawing() makes a drawing (two prizes, one worth $600+), schedules and opens it;
// closeAndExecute() closes sales and runs the draw. Each throws with the problem document
// when the API refuses.

import { createHmac } from 'node:crypto';

/** One API request (JSON in and out); throws with the status and body when refused. */
export async function call(base, method, path, { token, body } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return data;
}

export async function login(base, email, password) {
  const data = await call(base, 'POST', '/api/v1/auth/login', { body: { email, password } });
  return data.accessToken;
}

const TOTP_PERIOD_MS = 30_000;

function base32Bytes(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.toUpperCase().replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for time step `step`. */
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The server's clock (the suite runs it from FITTRACK_CLOCK_START): a fresh token's `iat`. */
function serverNowMs(accessToken, receivedAt) {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
  return claims.iat * 1000 + (Date.now() - receivedAt);
}

/** Sign in as an admin and step up with the authenticator's code; the stepped-up token.
 * A code is single-use and the server accepts the steps next to its own, so an earlier
 * step-up may have spent this step's code and the next: then wait for a later step. */
export async function adminSignIn(base, email, password, totpSecret) {
  const receivedAt = Date.now();
  const token = await login(base, email, password);
  const serverStep = () => Math.floor(serverNowMs(token, receivedAt) / TOTP_PERIOD_MS);
  let step = serverStep();
  for (let attempt = 0; attempt < 4; attempt += 1, step += 1) {
    const wait = (step - 1) * TOTP_PERIOD_MS - serverNowMs(token, receivedAt);
    if (wait > 0) await new Promise((done) => setTimeout(done, wait + 1000));
    try {
      return (await call(base, 'POST', '/api/v1/auth/mfa/verify', { token, body: { code: totp(totpSecret, step) } })).accessToken;
    } catch (error) {
      if (!String(error.message).includes('-> 409')) throw error;
    }
  }
  throw new Error(`the TOTP step-up was refused four times (server step ${serverStep()})`);
}

export async function createOpenDrawing(
  base,
  adminToken,
  { name = 'E2E Daily Drawing', now = Date.now(), hoursAhead = 6, minAccountAgeDays = 7 } = {},
) {
  const drawingTime = new Date(now + hoursAhead * 3600_000).toISOString();
  const drawing = await call(base, 'POST', '/api/v1/admin/drawings', {
    token: adminToken,
    body: { type: 'daily', name, drawingTime, ticketCostPoints: 100, eligibility: { userType: 'all', minAccountAgeDays } },
  });
  const id = drawing.drawingId;
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/prizes`, {
    token: adminToken,
    body: { rank: 1, name: 'Road bike', valueUsd: 900, quantity: 1, fulfillmentType: 'physical' },
  });
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/prizes`, {
    token: adminToken,
    body: { rank: 2, name: 'Running shoes gift card', valueUsd: 50, quantity: 2, fulfillmentType: 'digital' },
  });
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/schedule`, { token: adminToken });
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/open`, { token: adminToken });
  return id;
}

export async function buyTickets(base, token, drawingId, quantity) {
  return call(base, 'POST', `/api/v1/drawings/${drawingId}/tickets`, { token, body: { quantity } });
}

export async function closeAndExecute(base, adminToken, drawingId) {
  await call(base, 'POST', `/api/v1/admin/drawings/${drawingId}/close`, { token: adminToken });
  return call(base, 'POST', `/api/v1/admin/drawings/${drawingId}/execute`, { token: adminToken });
}

export async function me(base, token) {
  return call(base, 'GET', '/api/v1/users/me', { token });
}

export async function adjustPoints(base, adminToken, userId, amount) {
  return call(base, 'POST', `/api/v1/admin/users/${userId}/adjust-points`, {
    token: adminToken,
    body: { amount, reason: 'e2e journey: points to buy tickets' },
  });
}

export async function myPrizes(base, token) {
  return (await call(base, 'GET', '/api/v1/users/me/prizes', { token })).items;
}

export async function shipPrize(base, adminToken, fulfillmentId, { carrier, trackingNumber }) {
  return call(base, 'POST', `/api/v1/admin/fulfillments/${fulfillmentId}/ship`, {
    token: adminToken,
    body: { carrier, trackingNumber },
  });
}

export async function verification(base, drawingId, token) {
  return call(base, 'GET', `/api/v1/drawings/${drawingId}/verification`, { token });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [base, adminEmail, adminPassword, totpSecret, memberEmail, memberPassword, tickets = '3'] = process.argv.slice(2);
  if (!base || !adminEmail || !adminPassword || !totpSecret) {
    console.error('usage: node e2e/drawing-setup.mjs BASE ADMIN_EMAIL ADMIN_PASSWORD TOTP_SECRET [MEMBER_EMAIL MEMBER_PASSWORD TICKETS]');
    process.exit(2);
  }
  const admin = await adminSignIn(base, adminEmail, adminPassword, totpSecret);
  const id = await createOpenDrawing(base, admin);
  console.log('opened', id);
  if (memberEmail && memberPassword) {
    const member = await login(base, memberEmail, memberPassword);
    console.log('bought', await buyTickets(base, member, id, Number(tickets)));
  }
  console.log('executed', JSON.stringify(await closeAndExecute(base, admin, id)).slice(0, 300));
  console.log(`${base}/drawings/${id}`);
}
