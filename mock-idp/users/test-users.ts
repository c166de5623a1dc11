import { createHash } from 'node:crypto';

/**
 * Test users in the MPASSid data model (data models 1.1–1.3) and their accounts in the school's directory.
 * School 30076 "Mansikkalan testi peruskoulu" of provider 1.2.246.562.99.00000000001 "Mansikkalan testi kunta",
 * as in MPASSid's own test data. Passwords are for this harness only.
 */

/** One person: their directory account (mock Entra) and the attributes MPASSid releases for them. */
export interface TestUser {
  /** Short handle used in scenarios and the CLI (`pupil1`, `pupil2`, `teacher`). */
  handle: string;
  /** Directory sign-in name (Entra `preferred_username`). */
  username: string;
  password: string;
  /** Entra object id. */
  oid: string;
  givenName: string;
  familyName: string;
  /** MPASSid attributes (SAML name = OIDC claim name), multi-valued ones as arrays. */
  mpass: {
    'urn:mpass.id:uid': string;
    'urn:mpass.id:nickname': string;
    'urn:oid:1.3.6.1.4.1.16161.1.1.27': string;
    'urn:mpass.id:role': string[];
    'urn:mpass.id:schoolInfo': string[];
    'urn:mpass.id:educationProviderInfo': string[];
    'urn:mpass.id:classLevel'?: string;
    'urn:mpass.id:learningMaterialsCharge': string[];
    'urn:mpass.id:originalIssuer': string;
  };
}

/** The education provider and school every test user belongs to. */
export const TEST_SCHOOL = {
  providerOid: '1.2.246.562.99.00000000001',
  providerName: 'Mansikkalan testi kunta',
  schoolCode: '30076',
  schoolOid: '1.2.246.562.99.00000000002',
  officeOid: '1.2.246.562.99.00000000003',
  name: 'Mansikkalan testi peruskoulu',
  /** The directory domain of the school's Entra tenant. */
  domain: 'mansikkala.test',
} as const;

const S = TEST_SCHOOL;

function member(input: {
  handle: string; givenName: string; familyName: string; nickname: string; learnerId: string;
  uid: string; oid: string; role: 'Oppilas' | 'Opettaja'; roleCode: string; className: string; classLevel?: string;
  password?: string;
}): TestUser {
  return {
    handle: input.handle,
    username: `${input.handle}@${S.domain}`,
    password: input.password ?? `${input.handle}-Salasana1!`,
    oid: input.oid,
    givenName: input.givenName,
    familyName: input.familyName,
    mpass: {
      'urn:mpass.id:uid': input.uid,
      'urn:mpass.id:nickname': input.nickname,
      'urn:oid:1.3.6.1.4.1.16161.1.1.27': input.learnerId,
      'urn:mpass.id:role': [
        `${S.providerOid};${S.schoolCode};${input.className};${input.role};${input.roleCode};${S.schoolOid};${S.officeOid}`,
      ],
      'urn:mpass.id:schoolInfo': [`${S.schoolCode};${S.name}`, `${S.schoolOid};${S.name}`],
      'urn:mpass.id:educationProviderInfo': [`${S.providerOid};${S.providerName}`],
      ...(input.classLevel ? { 'urn:mpass.id:classLevel': input.classLevel } : {}),
      'urn:mpass.id:learningMaterialsCharge': [`1;${S.schoolCode}`],
      'urn:mpass.id:originalIssuer': S.providerOid,
    },
  };
}

/**
 * Pupils 3–8 of class 9F, so that eight devices can sign eight different pupils in at once. Identifiers follow the
 * pattern of MPASSid's test data.
 */
const MORE_PUPILS: readonly TestUser[] = [3, 4, 5, 6, 7, 8].map((n) => member({
  handle: `pupil${n}`, givenName: `Testi${n}`, familyName: `Oppilas${n}`, nickname: `Kutsumanimi${n}`,
  learnerId: `1.2.246.562.24.2000000${String(n).padStart(3, '0')}${n}`, uid: `MPASSOID.${createHash('sha256').update(`pupil${n}`).digest('hex').slice(0, 40)}`,
  oid: `6f1c2d3e-010${n}-4a5b-8c7d-00000000010${n}`, role: 'Oppilas', roleCode: '1', className: '9F', classLevel: '9',
}));

/**
 * The built-in test users: pupils 1 and 2 (so "the next pupil on the same device" exists), a teacher, and pupils 3–8
 * (eight devices at once).
 */
export const TEST_USERS: readonly TestUser[] = [
  member({
    handle: 'pupil1', givenName: 'Testi1', familyName: 'Oppilas1', nickname: 'Kutsumanimi1',
    learnerId: '1.2.246.562.24.20000000018', uid: 'MPASSOID.391ea8eb34f1e27024ab1342603537bdbd494900',
    oid: '6f1c2d3e-0001-4a5b-8c7d-000000000001', role: 'Oppilas', roleCode: '1', className: '9F', classLevel: '9',
  }),
  member({
    handle: 'pupil2', givenName: 'Testi2', familyName: 'Oppilas2', nickname: 'Kutsumanimi2',
    learnerId: '1.2.246.562.24.20000000026', uid: 'MPASSOID.8b1d0c2fa4e77a31c90be2d7f41a6e3c5d8f2b17',
    oid: '6f1c2d3e-0002-4a5b-8c7d-000000000002', role: 'Oppilas', roleCode: '1', className: '9F', classLevel: '9',
  }),
  member({
    handle: 'teacher', givenName: 'Testi3', familyName: 'Opettaja3', nickname: 'Kutsumanimi3',
    learnerId: '1.2.246.562.24.20000000034', uid: 'MPASSOID.c4e9a1b7d2f05e8a3b6c9d0e1f2a3b4c5d6e7f80',
    oid: '6f1c2d3e-0003-4a5b-8c7d-000000000003', role: 'Opettaja', roleCode: '2', className: '',
  }),
  ...MORE_PUPILS,
];

/**
 * A user of your own at the test school (a config file's `users.custom`): identifiers are derived from the handle,
 * so the same handle always gets the same uid, learnerId and Entra object id.
 */
export function customTestUser(input: { handle: string; givenName: string; familyName: string; role: 'pupil' | 'teacher'; password?: string }): TestUser {
  const hash = createHash('sha256').update(`mpassid-harness:${input.handle}`).digest('hex');
  const digits = BigInt(`0x${hash.slice(0, 12)}`).toString().padStart(11, '0').slice(0, 11);
  const pupil = input.role === 'pupil';
  return member({
    handle: input.handle, givenName: input.givenName, familyName: input.familyName, nickname: input.givenName,
    learnerId: `1.2.246.562.24.${digits}`, uid: `MPASSOID.${hash.slice(0, 40)}`,
    oid: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`,
    role: pupil ? 'Oppilas' : 'Opettaja', roleCode: pupil ? '1' : '2', className: pupil ? '9F' : '', ...(pupil ? { classLevel: '9' } : {}),
    ...(input.password ? { password: input.password } : {}),
  });
}

/** The user with this handle or directory username, if any. */
export function findTestUser(handleOrUsername: string): TestUser | undefined {
  const key = handleOrUsername.toLowerCase();
  return TEST_USERS.find((u) => u.handle === key || u.username === key);
}

/** "Testi1 Oppilas1": the name a service shows for the user. */
export function displayName(user: Pick<TestUser, 'givenName' | 'familyName'>): string {
  return `${user.givenName} ${user.familyName}`;
}
