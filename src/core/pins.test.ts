import { describe, expect, it } from 'vitest';
import { parseMarkdownTree } from './parse';
import { checkPins } from './pins';

const check = (text: string) => checkPins(parseMarkdownTree(text), 'notebooks/x.md');
const bash = (body: string) => `텍스트\n\n\`\`\`bash run id=x\n${body}\n\`\`\`\n`;

describe('checkPins', () => {
  it('requires --version on helm install and upgrade, reporting the command line', () => {
    const problems = check(bash('helm repo add a https://a.example\nhelm upgrade --install kps a/kps \\\n  --namespace m --wait'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unpinned-install', line: 5 });
    expect(check(bash('helm upgrade --install kps a/kps \\\n  --version 88.5.3 --namespace m'))).toEqual([]);
    expect(check(bash('helm install demo ./chart'))).toEqual([]);
  });

  it('rejects releases/latest, go install @latest and raw URLs on a moving branch', () => {
    expect(check(bash('kubectl apply -f https://github.com/o/r/releases/latest/download/c.yaml'))).toHaveLength(1);
    expect(check(bash('go install sigs.k8s.io/kind@latest'))).toHaveLength(1);
    expect(check(bash('curl -LO https://raw.githubusercontent.com/o/r/main/deploy.yaml'))).toHaveLength(1);
    expect(check(bash('kubectl apply -k "https://github.com/o/r/config?ref=master"'))).toHaveLength(1);
  });

  it('rejects a download whose path says latest, once, and accepts the pinned release asset', () => {
    const problems = check(bash('curl -L -o kubebuilder "https://go.kubebuilder.io/dl/latest/$(go env GOOS)/$(go env GOARCH)"'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('latest');
    expect(check(bash('curl -LO https://github.com/o/r/releases/latest/download/x'))).toHaveLength(1);
    expect(check(bash('curl -L -o kb https://github.com/kubernetes-sigs/kubebuilder/releases/download/v4.16.0/kubebuilder_linux_amd64'))).toEqual([]);
    expect(check(bash('echo "see https://example.com/docs/latest/"'))).toEqual([]);
  });

  it('requires ISTIO_VERSION for the downloadIstio script', () => {
    expect(check(bash('curl -sL https://istio.io/downloadIstio | sh -'))).toHaveLength(1);
    expect(check(bash('curl -sL https://istio.io/downloadIstio | ISTIO_VERSION=1.32.0 sh -'))).toEqual([]);
  });

  it('accepts versioned URLs and does not treat a signing identity as a download', () => {
    expect(check(bash('kubectl apply -f https://github.com/o/r/releases/download/v0.9.0/components.yaml'))).toEqual([]);
    expect(check(bash('go install sigs.k8s.io/kind@v0.24.0'))).toEqual([]);
    expect(check(bash('cosign verify --certificate-identity https://github.com/o/r/.github/workflows/r.yaml@refs/heads/main img@sha256:ab'))).toEqual([]);
  });

  it('rejects kubectl apply of a URL that names no version', () => {
    expect(check(bash('kubectl apply -f https://example.com/install.yaml'))).toHaveLength(1);
  });

  it('rejects :latest and untagged images in commands and manifests, not tags, digests or variables', () => {
    expect(check(bash('kubectl run a --image=busybox:latest'))).toHaveLength(1);
    expect(check(bash('kubectl run a --image=busybox'))).toHaveLength(1);
    expect(check(bash('kubectl run a --image=busybox:1.37 && kubectl run b --image "$IMG"'))).toEqual([]);
    const yaml = '```yaml\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: registry.k8s.io/hpa-example\n    - name: b\n      image: nginx:1.27 # 고정\n    - name: c\n      image: r.example/x@sha256:abcd\n```\n';
    const problems = check(yaml);
    expect(problems.map((p) => p.line)).toEqual([7]);
  });

  it('ignores commented-out commands, prose, and PSA levels such as restricted:latest', () => {
    expect(check(bash('# helm install x y 는 쓰지 마세요\ngrep -q \'violates PodSecurity "restricted:latest"\' out'))).toEqual([]);
    expect(check('helm install x y 를 본문에서 말하는 것은 괜찮습니다.\n')).toEqual([]);
  });
});
