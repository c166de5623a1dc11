import type { LogoutProbe } from './probe.js';
import { protectedPageProbe } from './protected-page-probe.js';

/** The protected-page probe as a logout probe: does the service still show the user's page after Log out? */
export const protectedPage: LogoutProbe = {
  name: 'protected-page',
  run: ({ page, target, user }) => protectedPageProbe(page, target, user),
};
