import { describe, expect, it } from 'vitest';
import { canonicalLine, formatOutputMismatch, matchOutput } from './output-match';

describe('matchOutput: what may differ', () => {
  it('ignores ages, column spacing and trailing blanks in a kubectl table', () => {
    const expected = 'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n';
    const actual = 'NAME  READY  STATUS   RESTARTS  AGE\nweb   1/1    Running  0         3m2s   \n\n';
    expect(matchOutput(expected, actual).ok).toBe(true);
    expect(matchOutput('web 1/1 Running 0 <invalid>', 'web 1/1 Running 0 2d3h').ok).toBe(true);
  });

  it('ignores pod-name hashes, UIDs, IPs, resourceVersions and timestamps', () => {
    expect(matchOutput('web-7d4b9c8f6-x2k9p   10.244.1.5', 'web-5f6d7c8b9-q8wzt   10.244.2.17').ok).toBe(true);
    expect(matchOutput('job-abc12 Completed', 'job-zz9k4 Completed').ok).toBe(false); // 'a' is no hash letter: a real name
    expect(matchOutput('job-bcd24 Completed', 'job-zz9k4 Completed').ok).toBe(true);
    expect(matchOutput('uid: 2f1c0e6a-3b1d-4c9a-9a9e-0c1b2d3e4f5a', 'uid: 9d8e7f6a-1b2c-4d3e-8f9a-0b1c2d3e4f5a').ok).toBe(true);
    expect(matchOutput('  resourceVersion: "123"', '  resourceVersion: "98765"').ok).toBe(true);
    expect(matchOutput('creationTimestamp: "2026-01-01T00:00:00Z"', 'creationTimestamp: "2026-12-07T05:56:49Z"').ok).toBe(true);
    expect(matchOutput('lrwxrwxrwx 1 root root 15 Jan  1 00:00 password', 'lrwxrwxrwx 1 root root 15 Dec  7 05:56 password').ok).toBe(true);
  });

  it('takes the course cluster under its kind name and its CI name as the same', () => {
    expect(matchOutput('컨텍스트 kind-k8s-course', '컨텍스트 k8s-course-local').ok).toBe(true);
    expect(matchOutput('컨텍스트 kind-k8s-course', '컨텍스트 prod-eu').ok).toBe(false);
  });

  it('strips terminal colours and carriage-return redraws', () => {
    expect(matchOutput('deployment "web" successfully rolled out', '\u001b[32mWaiting\r\u001b[0mdeployment "web" successfully rolled out').ok).toBe(true);
  });

  it('lets a ... line stand for any number of lines, including none', () => {
    const expected = 'first\n...\nlast';
    expect(matchOutput(expected, 'first\na\nb\nc\nlast').ok).toBe(true);
    expect(matchOutput(expected, 'first\nlast').ok).toBe(true);
    expect(matchOutput(expected, 'first\na\nnot last').ok).toBe(false);
    expect(matchOutput('...\nend', 'x\ny\nend').ok).toBe(true);
  });
});

describe('matchOutput: what must not differ', () => {
  it('catches a changed status, count, name or missing line', () => {
    expect(matchOutput('web 1/1 Running 0 5s', 'web 0/1 Pending 0 5s').ok).toBe(false);
    expect(matchOutput('deployment.apps/web created', 'deployment.apps/api created').ok).toBe(false);
    expect(matchOutput('a\nb\nc', 'a\nc').ok).toBe(false);
    expect(matchOutput('a\nc', 'a\nb\nc').ok).toBe(false);
    expect(matchOutput('      2 k8s-course-worker', '      3 k8s-course-worker').ok).toBe(false);
    expect(matchOutput('cpu-optimized zone-a', 'cpu-optimized zone-b').ok).toBe(false);
  });

  it('keeps ports and versions (they are what a page teaches)', () => {
    expect(matchOutput('10.96.0.1:443', '10.96.0.9:8443').ok).toBe(false);
    expect(matchOutput('v1.37.2', 'v1.36.0').ok).toBe(false);
  });

  it('canonicalLine keeps ordinary words intact', () => {
    expect(canonicalLine('k8s-course-worker2   Ready   <none>   4m   v1.37.2')).toBe('k8s-course-worker2 Ready <none> <age> v1.37.2');
    expect(canonicalLine('/registry/namespaces/kube-system')).toBe('/registry/namespaces/kube-system');
  });
});

describe('formatOutputMismatch', () => {
  it('says where (file:line of the first differing expected line) and shows - and + lines', () => {
    const match = matchOutput('NAME STATUS\nweb Running\napi Running', 'NAME STATUS\nweb Running\napi CrashLoopBackOff');
    expect(match.ok).toBe(false);
    expect(match.firstMismatch).toBe(2);
    const text = formatOutputMismatch(match, { file: 'notebooks/day2/lab.md', sourceLine: 31, cellId: 'd2-lab-get' });
    expect(text).toContain('예상 출력이 실제 출력과 다릅니다: notebooks/day2/lab.md:33 (output-of=d2-lab-get)');
    expect(text).toMatch(/  33 - api Running/);
    expect(text).toContain('    + api CrashLoopBackOff');
    expect(text).toMatch(/  31   NAME STATUS/);
  });

  it('shortens a long diff', () => {
    const many = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const text = formatOutputMismatch(matchOutput('nothing like it', many), { file: 'f.md', sourceLine: 1, cellId: 'x' }, 10);
    expect(text).toContain('… 91줄 더');
  });
});
