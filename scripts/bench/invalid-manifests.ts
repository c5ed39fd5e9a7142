/**
 * Deliberately invalid objects for the validator bench: the mistakes learners make, one object
 * per case, each in its own YAML block. The bench runs ours and the peer validators over them
 * and prints which one catches which. `server` says whether the API server itself rejects it
 * (what cluster mode sees); every case here is one a real apply would refuse.
 */

export interface InvalidCase {
  id: string;
  /** Korean, for the table. */
  label: string;
  yaml: string;
}

/** A CRD the corpus defines itself (like a lab would), for the custom-resource cases. */
export const BENCH_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.bench.example.com
spec:
  group: bench.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [cronSpec]
              properties:
                cronSpec: {type: string}
                replicas: {type: integer, minimum: 1, maximum: 10}`;

/** A valid object of the CRD above, so a peer that cannot read the CRD shows up as a false alarm. */
export const BENCH_CR = `apiVersion: bench.example.com/v1
kind: CronTab
metadata:
  name: ok-crontab
spec:
  cronSpec: "*/5 * * * *"
  replicas: 2`;

const deployment = (name: string, spec: string, labels = `{app: ${name}}`): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: ${labels}
spec:
${spec}`;

const pod = (name: string, container: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:${extra}
  containers:
    - name: app
      image: nginx:1.27
${container}`;

const template = (name: string): string => `  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: nginx:1.27`;

export const INVALID_CASES: InvalidCase[] = [
  {
    id: 'unknown-field',
    label: '모르는 필드 (spec.replica 오타)',
    yaml: deployment('bad-unknown', `  replica: 2\n${template('bad-unknown')}`),
  },
  {
    id: 'misplaced-field',
    label: '들여쓰기 실수 (template 밑에 containers)',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad-indent
spec:
  selector:
    matchLabels: {app: bad-indent}
  template:
    metadata:
      labels: {app: bad-indent}
    containers:
      - name: app
        image: nginx:1.27`,
  },
  {
    id: 'wrong-type-int',
    label: '타입 틀림 (replicas: "3", 문자열)',
    yaml: deployment('bad-type', `  replicas: "3"\n${template('bad-type')}`),
  },
  {
    id: 'wrong-type-env',
    label: '타입 틀림 (env value: 8080, 따옴표 없는 숫자)',
    yaml: pod('bad-env', '      env:\n        - name: PORT\n          value: 8080'),
  },
  {
    id: 'wrong-type-list',
    label: '타입 틀림 (ports가 목록이 아니라 숫자)',
    yaml: pod('bad-ports', '      ports: 80'),
  },
  {
    id: 'missing-required',
    label: '필수 필드 없음 (Deployment에 selector 없음)',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad-noselector
spec:
  template:
    metadata:
      labels: {app: bad-noselector}
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
  },
  {
    id: 'missing-container-name',
    label: '필수 필드 없음 (컨테이너 name)',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: bad-noname
spec:
  containers:
    - image: nginx:1.27`,
  },
  {
    id: 'missing-name',
    label: 'metadata.name 없음',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  labels: {app: web}
data:
  a: b`,
  },
  {
    id: 'bad-enum-service',
    label: '잘못된 enum (Service type: Loadbalancer)',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: bad-enum
spec:
  type: Loadbalancer
  selector: {app: web}
  ports: [{port: 80}]`,
  },
  {
    id: 'bad-enum-protocol',
    label: '잘못된 enum (protocol: tcp, 소문자)',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: bad-protocol
spec:
  selector: {app: web}
  ports: [{port: 80, protocol: tcp}]`,
  },
  {
    id: 'bad-enum-pull-policy',
    label: '잘못된 enum (imagePullPolicy: Sometimes)',
    yaml: pod('bad-pull', '      imagePullPolicy: Sometimes'),
  },
  {
    id: 'bad-quantity-memory',
    label: '잘못된 수량 (memory: 64MB)',
    yaml: pod('bad-memory', '      resources:\n        limits: {memory: 64MB}'),
  },
  {
    id: 'bad-quantity-cpu',
    label: '잘못된 수량 (cpu: "half")',
    yaml: pod('bad-cpu', '      resources:\n        requests: {cpu: half}'),
  },
  {
    id: 'bad-label-value',
    label: '잘못된 레이블 값 (공백)',
    yaml: deployment('bad-label', template('bad-label'), '{app: bad-label, tier: "web server"}'),
  },
  {
    id: 'bad-name',
    label: '잘못된 이름 (대문자와 밑줄)',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: My_Config
data:
  a: b`,
  },
  {
    id: 'duplicate-key',
    label: '중복 키 (image 두 번)',
    yaml: pod('bad-dup', '      image: nginx:1.28'),
  },
  {
    id: 'removed-api',
    label: '제거된 apiVersion (extensions/v1beta1 Deployment)',
    yaml: `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: bad-removed
spec:
${template('bad-removed')}`,
  },
  {
    id: 'removed-api-psp',
    label: '제거된 API (policy/v1beta1 PodSecurityPolicy)',
    yaml: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: bad-psp
spec:
  privileged: false
  seLinux: {rule: RunAsAny}
  runAsUser: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}`,
  },
  {
    id: 'typo-api-version',
    label: 'apiVersion 오타 (app/v1)',
    yaml: `apiVersion: app/v1
kind: Deployment
metadata:
  name: bad-group
spec:
${template('bad-group')}`,
  },
  {
    id: 'crd-maximum',
    label: 'CRD 객체의 스키마 위반 (replicas 20 > maximum 10)',
    yaml: `apiVersion: bench.example.com/v1
kind: CronTab
metadata:
  name: bad-crontab
spec:
  cronSpec: "*/5 * * * *"
  replicas: 20`,
  },
  {
    id: 'crd-unknown-field',
    label: 'CRD 객체의 모르는 필드 (spec.image)',
    yaml: `apiVersion: bench.example.com/v1
kind: CronTab
metadata:
  name: bad-crontab-field
spec:
  cronSpec: "*/5 * * * *"
  image: busybox`,
  },
  {
    id: 'port-range',
    label: '범위 밖 포트 (containerPort 70000)',
    yaml: pod('bad-port', '      ports: [{containerPort: 70000}]'),
  },
  {
    id: 'selector-mismatch',
    label: 'selector와 template 레이블 불일치',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad-selector
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
  },
  {
    id: 'bad-cron-schedule',
    label: 'CronJob 일정 형식 (schedule: "every 5 minutes")',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: bad-cron
spec:
  schedule: "every 5 minutes"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox:1.36`,
  },
];

/** The cases as one Markdown page for our validator (one block per case, the cell id is the case id). */
export function invalidMarkdown(namespace: string): string {
  const blocks = [
    `\`\`\`yaml id=bench-crd\n${BENCH_CRD}\n\`\`\`\n`,
    `\`\`\`yaml id=bench-cr\n${BENCH_CR}\n\`\`\`\n`,
    ...INVALID_CASES.map((c) => `\`\`\`yaml id=${c.id}\n${c.yaml}\n\`\`\`\n`),
  ];
  return [`---\nnamespace: ${namespace}\n---\n# invalid\n`, ...blocks].join('\n');
}
