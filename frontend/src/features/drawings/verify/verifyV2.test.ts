// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { beaconMessage, canonicalJson, chainHash, signatureVerifies, type TermsBeacon } from './beacon';
import v2 from './fixtures/api-drawing-v2.json';
import { verifyDrawing, type VerificationDocument } from './verify';

const clone = <T>(x: T): T => structuredClone(x);
const failed = (o: { checks: { ok: boolean; label: string }[] }) => o.checks.filter((c) => !c.ok).map((c) => c.label);
// The server's proof for one of the entrants; `_userId` is that member's id (the fixture's own note).
const doc = v2 as unknown as VerificationDocument;
const userId = (v2 as { _userId: string })._userId;
const flip = (hex: string) => (hex[0] === '1' ? '2' : '1') + hex.slice(1);

// Real rounds of drand's mainnet chains (the same values as tests/fixtures/drand_rounds.json, sources cited there).
const QUICKNET: TermsBeacon = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  scheme: 'bls-unchained-g1-rfc9380',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  period: 3,
  genesisTime: 1692803367,
  genesisSeed: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  beaconId: 'quicknet',
  round: 1,
};
const QUICKNET_ROUND_1 = 'b55e7cb2d5c613ee0b2e28d6750aabbb78c39dcc96bd9d38c2c2e12198df95571de8e8e402a0cc48871c7089a2b3af4b';
const DEFAULT: TermsBeacon = {
  chainHash: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce',
  scheme: 'pedersen-bls-chained',
  publicKey: '868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7293784a9402801af31',
  period: 30,
  genesisTime: 1595431050,
  genesisSeed: '176f93498eac9ca337150b46d21dd58673ea4e3581185f869672e59fa4cb390a',
  beaconId: 'default',
  round: 2,
};
const DEFAULT_ROUND_1 =
  '8d61d9100567de44682506aea1a7a6fa6e5491cd27a0a0ed349ef6910ac5ac20ff7bc3e09d7c046566c9f7f3c6f3b10104990e7cb424998203d8f7de586fb7fa5f60045417a432684f85093b06ca91c769f0e7ca19268375e659c2a2352b4655';
const DEFAULT_ROUND_2 =
  'aa18facd2d51b616511d542de6f9af8a3b920121401dad1434ed1db4a565f10e04fad8d9b2b4e3e0094364374caafe9b10478bf75650124831509c638b5a36a7a232ec70289f8751a2adb47fc32eb70b57dc81c39d48cbcac9fec46cdfc31663';

describe('drand rounds', () => {
  it('verifies real published rounds of quicknet and the default chain, and their chain hashes', () => {
    expect(chainHash(QUICKNET)).toBe(QUICKNET.chainHash);
    expect(chainHash(DEFAULT)).toBe(DEFAULT.chainHash);
    expect(signatureVerifies(QUICKNET.scheme, QUICKNET.publicKey, beaconMessage(QUICKNET.scheme, 1, null), QUICKNET_ROUND_1)).toBe(true);
    expect(signatureVerifies(DEFAULT.scheme, DEFAULT.publicKey, beaconMessage(DEFAULT.scheme, 2, DEFAULT_ROUND_1), DEFAULT_ROUND_2)).toBe(true);
  });

  it('rejects a round presented as another, a wrong previous signature and a tampered signature', () => {
    expect(signatureVerifies(QUICKNET.scheme, QUICKNET.publicKey, beaconMessage(QUICKNET.scheme, 2, null), QUICKNET_ROUND_1)).toBe(false);
    expect(signatureVerifies(DEFAULT.scheme, DEFAULT.publicKey, beaconMessage(DEFAULT.scheme, 2, DEFAULT_ROUND_2), DEFAULT_ROUND_2)).toBe(false);
    expect(signatureVerifies(QUICKNET.scheme, QUICKNET.publicKey, beaconMessage(QUICKNET.scheme, 1, null), QUICKNET_ROUND_1.slice(0, -2) + '00')).toBe(false);
    expect(chainHash({ ...QUICKNET, genesisTime: QUICKNET.genesisTime + 1 })).not.toBe(QUICKNET.chainHash);
  });

  it('writes canonical JSON as the server hashes it', () => {
    expect(canonicalJson({ b: [1, { d: 'é', c: null }], a: 'x"y' })).toBe('{"a":"x\\"y","b":[1,{"c":null,"d":"é"}]}');
  });
});

describe('verifyDrawing, fittrack-draw-v2', () => {
  it('verifies a document the server produced, the purchase chain and my receipts included', async () => {
    const outcome = await verifyDrawing(doc, { userId });
    expect(failed(outcome)).toEqual([]);
    expect(outcome.status).toBe('verified');
    expect(outcome.checks.filter((c) => c.kind === 'beacon')).toHaveLength(4);
    expect(outcome.checks.filter((c) => c.kind === 'entries')).toHaveLength(1);
    expect(outcome.checks.filter((c) => c.label.startsWith('My receipt'))).toHaveLength(2);
  });

  const tampers: [string, (d: VerificationDocument) => void][] = [
    ['a prize value in the terms', (d) => void (d.terms!.prizes[0]!.valueUsd = '99.00')],
    ['the round in the terms', (d) => void (d.terms!.beacon.round += 1)],
    ["the chain's public key", (d) => void (d.terms!.beacon.publicKey = flip(d.terms!.beacon.publicKey))],
    ['the round drawn with', (d) => void (d.beacon!.round += 1)],
    ['the signature', (d) => void (d.beacon!.signature = d.beacon!.signature.slice(0, -2) + (d.beacon!.signature.endsWith('00') ? '01' : '00'))],
    ['the seed', (d) => void (d.seed = flip(d.seed!))],
    ['the commitment', (d) => void (d.seedCommitment = flip(d.seedCommitment!))],
    ['the purchase chain head', (d) => void (d.entriesHead = flip(d.entriesHead!))],
    ['my receipt', (d) => void (d.myEntries!.blocks[0]!.chainHead = d.myEntries!.blocks[1]!.chainHead)],
  ];
  for (const [what, tamper] of tampers)
    it(`fails when ${what} is changed`, async () => {
      const forged = clone(doc);
      tamper(forged);
      expect((await verifyDrawing(forged)).status).toBe('mismatch');
    });
});
