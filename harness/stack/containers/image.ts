import { packageVersion } from '../../package-version.js';

/**
 * The one image every party container runs, built from this repository's Dockerfile
 * (`docker build -t mpassid-harness:<version> .`) and pinned to this package's version here, in one place;
 * `MPASSID_HARNESS_IMAGE` names another.
 */
export const PARTY_IMAGE = process.env.MPASSID_HARNESS_IMAGE ?? `mpassid-harness:${packageVersion()}`;
