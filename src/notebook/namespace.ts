import { randomBytes } from 'node:crypto';
import { fileSlug } from '../core';

const MAX = 63;

/**
 * The notebook's namespace: the one its front matter declares, or `nb-<file>-<random>` so runs of
 * notebooks that declare none never share (or clobber) each other's objects.
 */
export function notebookNamespace(file: string, declared: string | undefined, suffix = randomBytes(3).toString('hex')): string {
  if (declared) return declared;
  const room = MAX - 'nb-'.length - suffix.length - 1;
  const slug = fileSlug(file).replace(/^notebooks-/, '').slice(0, room).replace(/-+$/, '') || 'notebook';
  return `nb-${slug}-${suffix}`;
}
