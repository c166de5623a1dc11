/**
 * oidc-provider 9 prints "Unsupported runtime" on Node 20 although every flow the harness uses works there
 * (checked by the test suite on Node 20). Import this module before `oidc-provider` to drop that one line and
 * nothing else.
 */
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
  warn(...args);
};
