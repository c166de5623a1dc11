import { URI_NAME_FORMAT, type SamlAttribute } from '../../core/saml/login-response.js';
import type { TestUser } from '../../users/test-users.js';

/** FriendlyNames MPASSid publishes (reference §2); attributes without one carry none. */
const FRIENDLY_NAMES: Record<string, string> = {
  'urn:mpass.id:uid': 'mpassUsername',
  'urn:oid:2.5.4.42': 'givenName',
  'urn:oid:2.5.4.4': 'sn',
  'urn:mpass.id:nickname': 'nickname',
  'urn:oid:1.3.6.1.4.1.16161.1.1.27': 'learnerId',
  'urn:mpass.id:role': 'mpassRole',
  'urn:mpass.id:schoolInfo': 'mpassSchoolInfo',
};

/** The attributes MPASSid releases for a user over SAML: URI names, multi-valued ones as several values. */
export function mpassidSamlAttributes(user: TestUser): SamlAttribute[] {
  const { 'urn:mpass.id:uid': uid, ...rest } = user.mpass;
  const values: Record<string, string | string[] | undefined> = {
    'urn:mpass.id:uid': uid,
    'urn:oid:2.5.4.42': user.givenName,
    'urn:oid:2.5.4.4': user.familyName,
    ...rest,
  };
  return Object.entries(values).flatMap(([name, value]) => (value === undefined || (Array.isArray(value) && value.length === 0)
    ? []
    : [{ name, friendlyName: FRIENDLY_NAMES[name], nameFormat: URI_NAME_FORMAT, values: Array.isArray(value) ? value : [value] }]));
}
