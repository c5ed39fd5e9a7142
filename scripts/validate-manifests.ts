/**
 * npm run validate -- [--offline] [--format human|json|junit] [--output FILE] [files or folders ...]
 * Checks every Kubernetes manifest in docs/ and notebooks/ (or the given Markdown).
 * Exit 0 all valid, 1 any invalid, 2 usage or connection error. See src/validate.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
// The error classes only: the cluster client is loaded by src/validate in cluster mode alone.
import { KubeConfigError, KubeUnreachableError } from '../src/kube/errors';
import { exitCodeOf, RunError, validateContent } from '../src/validate';
import { isReportFormat, REPORTERS } from '../src/validate/report';

const USAGE = `사용법: npm run validate -- [옵션] [Markdown 파일이나 폴더 ...]   (기본: docs/ notebooks/)

  --offline                  클러스터 없이 OpenAPI 스키마로 검사 (서버만 하는 검사는 빠집니다)
  --format human|json|junit  출력 형식 (기본 human)
  --output FILE              --format 형식의 결과를 파일로 씁니다 (화면에는 사람이 읽는 결과)
  --context NAME             kubeconfig 컨텍스트 (기본: 현재 컨텍스트)
  --kubeconfig PATH          kubeconfig 파일 (기본: $KUBECONFIG 또는 ~/.kube/config)
  --require-throwaway        학습용 클러스터(kind-*, minikube, k8s-course-local ...)가 아니면 거부 (CI에서는 기본)
  --no-require-throwaway     위 검사를 끕니다
  --concurrency N            동시에 보내는 객체 수 (기본 16)

종료 코드: 0 모두 유효, 1 틀린 매니페스트 있음, 2 사용법 오류나 클러스터 연결 오류`;

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        offline: { type: 'boolean' },
        format: { type: 'string' },
        output: { type: 'string' },
        context: { type: 'string' },
        kubeconfig: { type: 'string' },
        'require-throwaway': { type: 'boolean' },
        'no-require-throwaway': { type: 'boolean' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(`옵션을 읽을 수 없습니다: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format ?? 'human';
  if (!isReportFormat(format)) return usageError(`--format ${format}은 지원하지 않습니다. human, json, junit 중 하나를 쓰세요.`);
  const concurrency = values.concurrency === undefined ? 16 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 128) return usageError('--concurrency는 1에서 128 사이의 정수입니다.');
  if (values['require-throwaway'] && values['no-require-throwaway']) return usageError('--require-throwaway와 --no-require-throwaway는 함께 쓸 수 없습니다.');
  const requireThrowaway = values['no-require-throwaway'] ? false : values['require-throwaway'] || process.env.CI === 'true';
  if (values.offline && (values.context || values.kubeconfig)) return usageError('--offline에서는 --context, --kubeconfig를 쓰지 않습니다.');

  let report;
  try {
    report = await validateContent(process.cwd(), positionals, {
      mode: values.offline ? 'offline' : 'cluster',
      context: values.context,
      kubeconfigPath: values.kubeconfig,
      requireThrowaway,
      concurrency,
    });
  } catch (error) {
    if (error instanceof RunError || error instanceof KubeConfigError || error instanceof KubeUnreachableError) {
      console.error(error.message);
      if (!values.offline) console.error('클러스터 없이 검사하려면 `npm run validate -- --offline`을 쓰세요.');
      return 2;
    }
    throw error;
  }
  // With --output the file gets the chosen format and the terminal (CI log) still gets the human report.
  if (values.output) {
    await writeFile(values.output, REPORTERS[format].render(report));
    process.stdout.write(REPORTERS.human.render(report));
    console.log(`${values.output}에 ${format} 형식으로도 썼습니다.`);
  } else {
    process.stdout.write(REPORTERS[format].render(report));
  }
  return exitCodeOf(report.summary);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`검증기 내부 오류입니다 (버그로 알려 주세요): ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
