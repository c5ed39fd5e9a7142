/** Mixed, valid manifests for benchmarks: two objects per YAML block, in one Markdown page. */

export const NAMESPACE = 'bench-validator';

type Make = (i: number) => string;

const KINDS: Make[] = [
  (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  labels: {app: web-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports: [{containerPort: 80}]
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {memory: 128Mi}
          readinessProbe:
            httpGet: {path: /, port: 80}`,
  (i) => `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
spec:
  selector: {app: web-${i}}
  ports: [{port: 80, targetPort: 80}]`,
  (i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
data:
  LOG_LEVEL: info
  app.properties: |
    color=blue`,
  (i) => `apiVersion: batch/v1
kind: Job
metadata:
  name: job-${i}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
          command: ["sh", "-c", "echo ${i}"]`,
  (i) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-${i}
spec:
  ingressClassName: nginx
  rules:
    - host: app-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: web-${i}, port: {number: 80}}`,
  (i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-${i}
spec:
  podSelector: {matchLabels: {app: web-${i}}}
  policyTypes: [Ingress]`,
  (i) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hpa-${i}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web-${i}}
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}`,
  (i) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader-${i}
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list]`,
  (i) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-${i}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}`,
  (i) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb-${i}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web-${i}}}`,
];

export function generate(objects: number): { markdown: string; blocks: string[] } {
  const blocks: string[] = [];
  for (let i = 0; i < objects; i += 2) {
    const docs = [KINDS[i % KINDS.length]!(i), ...(i + 1 < objects ? [KINDS[(i + 1) % KINDS.length]!(i + 1)] : [])];
    blocks.push(docs.join('\n---\n'));
  }
  const markdown = [`---\nnamespace: ${NAMESPACE}\n---\n# bench\n`, ...blocks.map((b) => `\`\`\`yaml\n${b}\n\`\`\`\n`)].join('\n');
  return { markdown, blocks };
}

