/**
 * Generators of bad requests for the fuzz test: garbage and oversized query strings and bodies, broken encodings,
 * SAML messages that are not base64, not DEFLATE, not XML, carry DTDs, external entities or entity bombs, or wrap
 * signatures, and OAuth parameters that name unknown clients, foreign redirect targets or replayed codes. Seeded,
 * so a failure can be replayed with its seed.
 */
import { deflateRawSync } from 'node:zlib';

/** A small seeded PRNG (mulberry32): the same seed gives the same requests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a generator of random choices. */
export class Draw {
  constructor(readonly random: () => number) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Random printable and unprintable characters, sometimes long. */
  junk(maxLength = 64): string {
    const length = this.chance(0.05) ? 4096 + this.int(60_000) : this.int(maxLength);
    const alphabet = 'abcXYZ019<>"\'&%;=?/#\\ \t\u00e4\u0000\u202e\ud83d\ude00{}[]$';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A string that looks like something: junk, a URL elsewhere, a script URL, an empty string, a number. */
  value(): string {
    return this.pick([
      () => this.junk(),
      () => '',
      () => 'https://evil.example/steal',
      () => '//evil.example/',
      () => 'javascript:alert(1)',
      () => 'http://127.0.0.9:6499/elsewhere',
      () => '%ZZ%',
      () => String(this.int(1e9) - 5e8),
      () => 'A'.repeat(this.chance(0.5) ? 300 : 9000),
      () => '../../../../etc/passwd',
    ])();
  }
}

/** Percent-encodes a value's UTF-8 bytes (lone surrogates included, as their replacement character). */
export function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Query string with raw (possibly broken) percent-encoding, repeated keys and oversized values. */
export function badQuery(d: Draw, names: readonly string[], extra: Record<string, () => string> = {}): string {
  const parts: string[] = [];
  const count = 1 + d.int(6);
  for (let i = 0; i < count; i++) {
    const name = d.chance(0.8) ? d.pick([...names, ...Object.keys(extra)]) : d.junk(12);
    const value = extra[name] && d.chance(0.7) ? extra[name]() : d.value();
    const encoded = d.chance(0.15) ? value.replace(/[&#\s]/g, '') : percentEncode(value);
    parts.push(`${d.chance(0.1) ? `${name}[]` : name}=${encoded}`);
  }
  if (d.chance(0.1)) parts.push('%E0%A4%A');
  return parts.join('&');
}

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** XML that a SAML endpoint must refuse: DTDs, XXE, entity bombs, wrong roots, wrapped signatures, junk. */
export function badSamlXml(d: Draw, kind: 'AuthnRequest' | 'Response' | 'LogoutRequest', issuer: string): string {
  const id = `_fuzz${d.int(1e9)}`;
  const now = new Date().toISOString();
  return d.pick([
    () => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:${kind} xmlns:samlp="${SAMLP}" ID="${id}" Version="2.0" IssueInstant="${now}">&x;</samlp:${kind}>`,
    () => `<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><samlp:${kind} xmlns:samlp="${SAMLP}">&c;</samlp:${kind}>`,
    () => `<samlp:${kind} xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${now}"><saml:Issuer>${issuer}</saml:Issuer></samlp:${kind}>`,
    () => `<samlp:${kind} xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="${d.pick(['1.1', '2.0', ''])}" IssueInstant="${d.pick([now, 'yesterday', '1970-01-01T00:00:00Z'])}" Destination="${d.value().replace(/[<&"]/g, '')}"><saml:Issuer>${d.pick([issuer, 'https://unknown.example/sp', ''])}</saml:Issuer></samlp:${kind}>`,
    () => `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${now}"><samlp:Extensions><saml:Assertion ID="_signed"/></samlp:Extensions><saml:Assertion ID="_evil" Version="2.0" IssueInstant="${now}"><saml:Issuer>${issuer}</saml:Issuer><saml:Subject><saml:NameID>admin</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`,
    () => `<notsaml>${d.junk()}</notsaml>`,
    () => `<samlp:${kind} xmlns:samlp="${SAMLP}"`,
    () => d.junk(300),
    () => `<samlp:${kind} xmlns:samlp="${SAMLP}">${'<a>'.repeat(2000)}`,
  ])();
}

/** A `SAMLRequest` / `SAMLResponse` value: broken base64, non-deflated, deflated junk or deflated bad XML. */
export function badSamlParameter(d: Draw, binding: 'redirect' | 'post', xml: () => string): string {
  return d.pick([
    () => d.junk(),
    () => `${Buffer.from(d.junk()).toString('base64')}!!`,
    () => Buffer.from(d.junk(200)).toString('base64').slice(0, -1),
    () => Buffer.from(xml()).toString('base64'),
    () => deflateRawSync(Buffer.from(xml())).toString('base64'),
    () => (binding === 'redirect' ? deflateRawSync(Buffer.from(xml())) : Buffer.from(xml())).toString('base64'),
    () => deflateRawSync(Buffer.alloc(2 * 1024 * 1024, 0x41)).toString('base64'),
  ])();
}

/** A form body: junk fields, oversized values, broken encodings. */
export function badForm(d: Draw, names: readonly string[], extra: Record<string, () => string> = {}): string {
  return badQuery(d, names, extra);
}
