/**
 * The kit's one Trusted Types policy, `crm-widget-kit`: it turns the worker URL the kit
 * computed itself into a TrustedScriptURL, so a page with
 * `require-trusted-types-for 'script'; trusted-types crm-widget-kit lit-html` runs the data
 * worker (lit renders through its own `lit-html` policy). Nothing else passes through it.
 */
interface TrustedTypePolicyLike {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): TrustedTypePolicyLike;
}

export const TRUSTED_TYPES_POLICY = 'crm-widget-kit';

let policy: TrustedTypePolicyLike | null | undefined;
/** The URL being handed to a Worker constructor right now: the only one the policy accepts. */
let expected: string | undefined;

/** `url` as the Worker constructor accepts it on this page: a TrustedScriptURL where Trusted Types exist. */
export function workerScriptUrl(url: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return url;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(input) {
          if (input !== expected) throw new TypeError(`${TRUSTED_TYPES_POLICY}: only the kit's own worker URL is trusted`);
          return input;
        },
      });
    } catch {
      // The page's trusted-types list does not name the policy (or a second copy of the kit made it):
      // the plain URL is tried, and where Trusted Types are enforced the worker falls back to the page.
      policy = null;
    }
  }
  if (!policy) return url;
  expected = url;
  try {
    return policy.createScriptURL(url) as string;
  } finally {
    expected = undefined;
  }
}
