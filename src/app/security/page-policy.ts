import { pagePolicy } from '../../core/security/content-security-policy';

/** The origins the installed policy admits beyond the defaults; null until it is installed. */
let installed: readonly string[] | null = null;

/**
 * Writes the page's Content-Security-Policy meta tag: connections only to the venues' default
 * hosts, loopback and `confirmedOrigins`. Must run before anything connects. A policy can only be
 * tightened once in force, so a newly confirmed endpoint needs a reload (see `policyCovers`).
 */
export function installPagePolicy(confirmedOrigins: readonly string[]): void {
  if (installed !== null) return;
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = pagePolicy(confirmedOrigins);
  document.head.prepend(meta);
  installed = [...confirmedOrigins];
}

/** Whether the page's policy already admits every one of `origins` (else the page must reload). */
export function policyCovers(origins: readonly string[]): boolean {
  return installed === null || origins.every((o) => installed?.includes(o) === true);
}
