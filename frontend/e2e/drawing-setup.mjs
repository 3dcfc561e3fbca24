// Drives a drawing through its lifecycle with the admin API, for the browser journey and
// for trying the results and "Verify this draw" pages by hand:
//
//   node e2e/drawing-setup.mjs http://localhost:8095 admin@fittrack.local 'admin password' \
//        [member-email member-password tickets]
//
// createOpenDrawing() makes a drawing (two prizes, one worth $600+), schedules and opens it;
// closeAndExecute() closes sales and runs the draw. Each throws with the problem document
// when the API refuses.

async function call(base, method, path, { token, body } = {}) {
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
  const [base, adminEmail, adminPassword, memberEmail, memberPassword, tickets = '3'] = process.argv.slice(2);
  if (!base || !adminEmail || !adminPassword) {
    console.error('usage: node e2e/drawing-setup.mjs BASE ADMIN_EMAIL ADMIN_PASSWORD [MEMBER_EMAIL MEMBER_PASSWORD TICKETS]');
    process.exit(2);
  }
  const admin = await login(base, adminEmail, adminPassword);
  const id = await createOpenDrawing(base, admin);
  console.log('opened', id);
  if (memberEmail && memberPassword) {
    const member = await login(base, memberEmail, memberPassword);
    console.log('bought', await buyTickets(base, member, id, Number(tickets)));
  }
  console.log('executed', JSON.stringify(await closeAndExecute(base, admin, id)).slice(0, 300));
  console.log(`${base}/drawings/${id}`);
}
