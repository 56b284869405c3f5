// Fake credentials in the real formats: each has the prefix, alphabet and length its vendor
// documents (the shapes secretlint's preset and gitleaks' rule list check), with characters from
// a seeded generator. Nothing here was ever a credential. Made at run time, so no source file
// holds a string a secret scanner would take for a real token.

/** A deterministic string of `length` characters from `alphabet` (mulberry32, seeded). */
export function fakeString(seed: number, length: number, alphabet: string): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** One fake value per format, `seed` varying the characters (same seed, same value). */
export function fakeTokens(seed = 1) {
  const s = (n: number, length: number, alphabet: string) => fakeString(seed * 1000 + n, length, alphabet);
  // An AWS secret key starts with `/` about once in 64: that form has its own entry.
  const secretKey = s(2, 40, B64).replace(/^\//, 'Q');
  return {
    awsAccessKeyId: `AKIA${s(1, 16, UPPER + DIGITS)}`,
    awsSessionKeyId: `ASIA${s(3, 16, UPPER + DIGITS)}`,
    awsSecretKey: secretKey,
    awsSecretKeyWithSlash: `/${secretKey.slice(1)}`,
    githubClassic: `ghp_${s(4, 36, ALNUM)}`,
    githubFineGrained: `github_pat_${s(5, 22, ALNUM)}_${s(6, 59, ALNUM)}`,
    gitlab: `glpat-${s(7, 20, URLSAFE.replace('-', ''))}`,
    slackBot: `xoxb-${s(8, 12, DIGITS)}-${s(9, 13, DIGITS)}-${s(10, 24, ALNUM)}`,
    slackWebhook: `https://hooks.slack.com/services/T${s(11, 8, UPPER + DIGITS)}/B${s(12, 10, UPPER + DIGITS)}/${s(13, 24, ALNUM)}`,
    npm: `npm_${s(14, 36, ALNUM)}`,
    openaiProject: `sk-proj-${s(15, 74, URLSAFE)}T3BlbkFJ${s(16, 74, URLSAFE)}`,
    anthropic: `sk-ant-api03-${s(17, 93, URLSAFE)}AA`,
    huggingface: `hf_${s(18, 34, UPPER + LOWER)}`,
    stripeLive: `sk_live_${s(19, 99, ALNUM)}`,
    sendgrid: `SG.${s(20, 22, ALNUM)}.${s(21, 43, ALNUM)}`,
    groq: `gsk_${s(22, 52, ALNUM)}`,
    linear: `lin_api_${s(23, 40, ALNUM)}`,
    notion: `ntn_${s(24, 11, DIGITS)}${s(25, 35, ALNUM)}`,
    shopify: `shpat_${s(26, 32, HEX)}`,
    databricks: `dapi${s(27, 32, HEX)}`,
    docker: `dckr_pat_${s(28, 27, URLSAFE)}`,
    figma: `figd_${s(29, 40, URLSAFE)}`,
    vault: `hvs.${s(30, 95, URLSAFE)}`,
    tailscale: `tskey-api-${s(31, 12, ALNUM)}-${s(32, 30, ALNUM)}`,
    vercel: `vcp_${s(33, 24, ALNUM)}`,
    grafana: `glsa_${s(34, 32, ALNUM)}_${s(35, 8, HEX)}`,
    /** Google API keys: not in secretlint's preset (recognised by name, or by looking generated). */
    googleApiKey: `AIza${s(36, 35, URLSAFE)}`,
    jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: `svc-${seed}`, iat: 1795166043 })}.${s(37, 43, URLSAFE)}`,
    password: `${s(38, 6, LOWER)}-${s(39, 4, DIGITS)}-${s(40, 6, UPPER + LOWER)}`,
    privateKeyBlock: [
      '-----BEGIN RSA PRIVATE KEY-----',
      `MIIEow${s(41, 58, B64)}`,
      s(42, 64, B64),
      `${s(43, 40, B64)}==`,
      '-----END RSA PRIVATE KEY-----',
    ].join('\n'),
  };
}

export type FakeTokens = ReturnType<typeof fakeTokens>;
