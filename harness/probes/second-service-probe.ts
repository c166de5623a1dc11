import { displayName } from '../../mock-idp/users/test-users.js';
import { signIn } from '../flows/sign-in.js';
import type { ServiceTarget } from '../flows/service-target.js';
import type { LogoutProbe } from './probe.js';
import { protectedPageProbe } from './protected-page-probe.js';

/**
 * A second service signed in through the same MPASSid session: before the logout the user opens service B and
 * signs in there too (silently, through MPASSid's session); after logging out of the first service, is B still
 * signed in? MPASSid keeps no list of services and has no single logout, so nothing tells B.
 */
export function secondService(serviceB: ServiceTarget, serviceAName: string): LogoutProbe {
  return {
    name: 'second-service',
    async prepare({ page, target, user }) {
      await signIn(page, serviceB, user);
      await page.goto(target.homeUrl);
    },
    async run({ page, user }) {
      const name = displayName(user);
      const seen = await protectedPageProbe(page, serviceB, user);
      return {
        probe: 'second-service',
        showsUser: seen.showsUser,
        observation: `${serviceB.name}: ${seen.observation}`,
        findings: seen.showsUser
          ? [{
            probe: 'second-service',
            cause: 'service-b',
            consequence: `${serviceB.name} is still signed in as ${name} after logging out of ${serviceAName}: MPASSid keeps no list of services, so no logout reaches it.`,
          }]
          : [],
      };
    },
  };
}
