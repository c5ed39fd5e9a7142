/** `npm run rubric`: score the final project in the current cluster. Returns the exit code. */
import { parseArgs } from 'node:util';
import { MACHINE_POINTS } from './catalog';
import { FORMATTERS, isRubricFormat, type RubricFormat } from './format';

export const USAGE = `사용법: npm run rubric -- [옵션]

현재 클러스터(KUBECONFIG의 현재 컨텍스트)에서 최종 프로젝트를 자동 채점합니다. 클러스터에는 아무것도 만들지 않습니다.

옵션:
  --prefix 접두사      프로젝트 네임스페이스 접두사 (기본 fp: fp-dev, fp-staging, fp-prod)
  --format 형식        human(기본) 또는 json
  --min 점수           자동 채점 점수가 이보다 낮으면 종료 코드 1 (0-${MACHINE_POINTS})
  --context 이름       kubeconfig 컨텍스트 (기본: 현재 컨텍스트)
  -h, --help           이 도움말

종료 코드: 0 채점 완료(또는 --min 이상), 1 --min 미만, 2 사용법 오류나 클러스터 연결 오류
`;

export const EXIT = { ok: 0, belowMin: 1, usage: 2 } as const;

export interface RubricOptions {
  prefix: string;
  format: RubricFormat;
  min?: number;
  context?: string;
  help: boolean;
}

const PREFIX = /^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/;

export function parseRubricArgs(argv: readonly string[]): RubricOptions | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        prefix: { type: 'string' },
        format: { type: 'string' },
        min: { type: 'string' },
        context: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: `명령줄 옵션을 읽을 수 없습니다: ${(error as Error).message}` };
  }
  const prefix = values.prefix ?? 'fp';
  if (!PREFIX.test(prefix)) return { error: `--prefix 값(${prefix})은 네임스페이스 접두사로 쓸 수 없습니다 (소문자, 숫자, "-", 42자 이하).` };
  const format = values.format ?? 'human';
  if (!isRubricFormat(format)) return { error: `--format 값(${format})은 지원하지 않습니다. human 또는 json을 쓰세요.` };
  let min: number | undefined;
  if (values.min !== undefined) {
    min = Number(values.min);
    if (!Number.isInteger(min) || min < 0 || min > MACHINE_POINTS) return { error: `--min 값(${values.min})은 0에서 ${MACHINE_POINTS} 사이의 정수여야 합니다 (자동 채점 만점 ${MACHINE_POINTS}점).` };
  }
  if (values.context !== undefined && !values.context.trim()) return { error: '--context에는 컨텍스트 이름을 쓰세요.' };
  return { prefix, format, min, context: values.context, help: values.help ?? false };
}

export interface RubricIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function main(argv: readonly string[], io: RubricIo): Promise<number> {
  const options = parseRubricArgs(argv);
  if ('error' in options) {
    io.stderr(`${options.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  // Loaded here so --help and usage errors answer without loading the client.
  const kube = await import('../kube');
  const { gatherSnapshot } = await import('./gather');
  const { scoreRubric } = await import('./score');
  let target;
  try {
    target = kube.loadTarget({ context: options.context });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const snapshot = await gatherSnapshot(target, { prefix: options.prefix });
    const report = scoreRubric(snapshot, { prefix: options.prefix, context: target.context });
    io.stdout(FORMATTERS[options.format](report));
    if (options.min !== undefined && report.totals.machineEarned < options.min) {
      io.stderr(`자동 채점 ${report.totals.machineEarned}점으로 기준 ${options.min}점에 못 미칩니다. 위의 ✘ 항목을 채우세요.\n`);
      return EXIT.belowMin;
    }
    return EXIT.ok;
  } catch (error) {
    io.stderr(`채점하지 못했습니다: ${(error as Error).message}\n`);
    return EXIT.usage;
  } finally {
    await kube.closeTarget(target);
  }
}
