import type { TestUser } from '../users/test-users.js';

/** The MPASSid attributes released with scope `profile` (OIDC claim names; multi-valued ones are arrays). */
export const MPASSID_PROFILE_CLAIMS = [
  'given_name',
  'family_name',
  'urn:mpass.id:uid',
  'urn:mpass.id:nickname',
  'urn:oid:1.3.6.1.4.1.16161.1.1.27',
  'urn:mpass.id:role',
  'urn:mpass.id:schoolInfo',
  'urn:mpass.id:educationProviderInfo',
  'urn:mpass.id:classLevel',
  'urn:mpass.id:learningMaterialsCharge',
  'urn:mpass.id:originalIssuer',
] as const;

/** The claims of one user; `sub` is the user's MPASSid uid. */
export function mpassidClaims(user: TestUser): Record<string, unknown> {
  return {
    sub: user.mpass['urn:mpass.id:uid'],
    given_name: user.givenName,
    family_name: user.familyName,
    ...user.mpass,
  };
}
