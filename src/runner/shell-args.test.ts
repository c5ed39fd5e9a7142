import { describe, expect, it } from 'vitest';
import { bashArgs, cellEnv } from './shell-args';

describe('bashArgs', () => {
  it('runs the source with -c under errexit, without profile or rc, named after the cell', () => {
    expect(bashArgs('echo hi', 'd1-lab-x')).toEqual(['--noprofile', '--norc', '-e', '-c', 'echo hi', 'd1-lab-x']);
  });
});

describe('cellEnv', () => {
  it('keeps the base environment, adds the hints and disables pagers', () => {
    const env = cellEnv({ PATH: '/bin', KUBECONFIG: '/old' }, { kubeconfig: '/new', namespace: 'd2-lab', extra: { X: '1' } });
    expect(env).toMatchObject({ PATH: '/bin', KUBECONFIG: '/new', LAB_NAMESPACE: 'd2-lab', PAGER: 'cat', X: '1' });
  });

  it('leaves KUBECONFIG alone when no kubeconfig is given', () => {
    expect(cellEnv({ KUBECONFIG: '/old' }).KUBECONFIG).toBe('/old');
    expect(cellEnv({}).LAB_NAMESPACE).toBeUndefined();
  });
});
