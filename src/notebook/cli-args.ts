import { parseArgs } from 'node:util';
import { declaredCapabilities, type Capabilities } from '../core/needs';
import { internetAllowed } from '../kube/capabilities-decide';
import { isFormatName, type FormatName } from './format';

export interface CliOptions {
  targets: string[];
  ci: boolean;
  /** Explicit context: also allows a context that does not look like a learning cluster. */
  context?: string;
  format: FormatName;
  output?: string;
  dryList: boolean;
  timeoutSeconds: number;
  verbose: boolean;
  keepWorkdir: boolean;
  /** Shell cells only, no cluster (tests, and notebooks that do not touch Kubernetes). */
  noCluster: boolean;
  /** Cells may use the internet (never probed): --no-internet, K8S_COURSE_INTERNET, or off in CI. */
  internet: boolean;
  /** --capabilities: declared instead of detected (and shown by --dry-list). */
  capabilities?: Capabilities;
  help: boolean;
}

export const USAGE = `사용법: npm run notebook -- [옵션] <노트북 파일이나 폴더>...

노트북의 셀을 순서대로 현재 클러스터(KUBECONFIG의 현재 컨텍스트)에서 실행합니다. verify 셀은 검사로,
cleanup 셀은 실패나 Ctrl-C 뒤에도 항상 마지막에 실행합니다. 챌린지의 시나리오는 "고장 → 수정"을 증명합니다.
셀의 needs=(실제 컨테이너, 인터넷, kind 노드, 애드온)를 지금 클러스터가 제공하지 않으면 이유와 함께 건너뜁니다.

옵션:
  --ci                 CI 모드 (환경 변수 CI=true도 같음): 인터넷이 없다고 봅니다(K8S_COURSE_INTERNET=1이면 씀)
  --no-internet        인터넷이 필요한 셀(needs=internet)을 건너뜁니다 (K8S_COURSE_INTERNET=0도 같음)
  --capabilities 목록  클러스터가 제공하는 것을 감지하지 않고 정합니다: containers,internet,kind-node,kind-cluster,addon:이름
                       또는 none, all. --dry-list와 함께 쓰면 어떤 셀을 건너뛸지 보여 줍니다
  --context 이름       이 컨텍스트에서 실행합니다. 학습용으로 보이지 않는 컨텍스트는 이 옵션으로만 허용합니다
  --format 형식        결과 형식: human(기본), json, junit
  --output 파일        결과를 파일에 씁니다 (기본: 표준 출력). 진행 상황은 표준 오류로 나갑니다
  --dry-list           클러스터에 손대지 않고 실행 계획만 보여 줍니다
  --timeout 초         timeout=이 없는 셀의 제한 시간 (기본 60)
  --verbose            모든 셀의 출력을 실시간으로 보여 줍니다 (기본: 실패한 셀만)
  --keep-workdir       셀의 작업 폴더를 지우지 않고 남깁니다 (디버깅용)
  --no-cluster         클러스터 없이 bash 셀만 실행합니다 (매니페스트 셀은 오류)
  -h, --help           이 도움말

종료 코드: 0 모두 성공, 1 실패한 셀이나 증명되지 않은 시나리오가 있음, 2 사용법이나 클러스터 연결 오류,
130 Ctrl-C로 중단(정리 셀은 실행함).
`;

const truthy = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/** Parses the command line; a Korean error message for the user instead of a throw. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ci: { type: 'boolean' },
        context: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string' },
        'dry-list': { type: 'boolean' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
        'keep-workdir': { type: 'boolean' },
        'no-cluster': { type: 'boolean' },
        'no-internet': { type: 'boolean' },
        capabilities: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { error: `명령줄 옵션을 읽을 수 없습니다: ${(error as Error).message}` };
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'human';
  if (!isFormatName(format)) return { error: `--format ${format}는 지원하지 않습니다. human, json, junit 중 하나를 쓰세요.` };
  const timeoutSeconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600) {
    return { error: `--timeout ${values.timeout}은 올바르지 않습니다. 1에서 3600 사이의 초 단위 정수를 쓰세요.` };
  }
  if (values.context !== undefined && !values.context.trim()) return { error: '--context에는 컨텍스트 이름을 쓰세요.' };
  let capabilities: Capabilities | undefined;
  if (values.capabilities !== undefined) {
    const declared = declaredCapabilities(values.capabilities);
    if (!declared.capabilities) return { error: declared.errors.join('\n') };
    capabilities = declared.capabilities;
  }
  const ci = (values.ci ?? false) || truthy(env.CI);
  const help = values.help ?? false;
  if (!help && positionals.length === 0) return { error: '실행할 노트북 파일이나 폴더를 적으세요 (예: npm run notebook -- notebooks/day2/lab.md).' };
  return {
    targets: positionals,
    ci,
    context: values.context,
    format,
    output: values.output,
    dryList: values['dry-list'] ?? false,
    timeoutSeconds,
    verbose: values.verbose ?? false,
    keepWorkdir: values['keep-workdir'] ?? false,
    noCluster: values['no-cluster'] ?? false,
    internet: capabilities ? capabilities.internet : internetAllowed({ env: env.K8S_COURSE_INTERNET, noInternetFlag: values['no-internet'], ci }),
    capabilities,
    help,
  };
}
