import { normalizeOrigin } from './http/checks';

export interface AgentOptions {
  host: '127.0.0.1' | '::1';
  port: number;
  origins: string[];
  /** Page the pairing link opens; its origin is allowed too. */
  siteUrl: string;
  /** The reader's explicit acknowledgement of a context that is not a learning cluster. */
  context?: string;
  allowEdited: boolean;
  maxConcurrentRuns: number;
  /** Cells that need the internet count as unmet (also K8S_COURSE_INTERNET=0). */
  noInternet: boolean;
}

export const DEFAULT_PORT = 7777;
export const DEFAULT_SITE_URL = 'http://localhost:3000';
/** The hosted course; its origin is allowed so the published site can use a local agent. */
export const PUBLISHED_SITE_URL = 'https://k8s-course.example.org';

export const USAGE = `사용법: npm run agent -- [옵션]
  --port <번호>          에이전트 포트 (기본 ${DEFAULT_PORT})
  --host <주소>          127.0.0.1(기본) 또는 ::1. 다른 주소에서는 시작하지 않습니다
  --site <URL>           연결 링크가 여는 사이트 (기본 ${DEFAULT_SITE_URL})
  --allow-origin <URL>   요청을 받을 사이트 origin 추가 (여러 번 가능)
  --context <이름>       학습용이 아닌 컨텍스트에서도 실행하겠다는 명시적 동의
  --allow-edited         페이지에서 수정한 셀도 실행 (기본: 거부)
  --max-runs <수>        동시에 실행할 셀 수 (기본 4)
  --no-internet          인터넷이 필요한 셀(needs=internet)을 페이지에 "지금 실행할 수 없음"으로 표시 (K8S_COURSE_INTERNET=0도 같음)`;

export type ParseResult = { ok: true; options: AgentOptions } | { ok: false; error: string };

/** Pure: argv in, options or a Korean error out. */
export function parseAgentArgs(argv: readonly string[]): ParseResult {
  const options: AgentOptions = {
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    origins: [],
    siteUrl: DEFAULT_SITE_URL,
    allowEdited: false,
    maxConcurrentRuns: 4,
    noInternet: false,
  };
  const extraOrigins: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = (): string | undefined => {
      i += 1;
      return argv[i];
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: '--port에는 1-65535 사이의 번호를 주세요.' };
        options.port = port;
        break;
      }
      case '--host': {
        const host = value();
        if (host !== '127.0.0.1' && host !== '::1' && host !== 'localhost') {
          return { ok: false, error: `에이전트는 루프백 주소(127.0.0.1, ::1)에서만 시작합니다. "${host ?? ''}"에서는 시작하지 않습니다.` };
        }
        options.host = host === '::1' ? '::1' : '127.0.0.1';
        break;
      }
      case '--site':
      case '--allow-origin': {
        const raw = value();
        let origin: string;
        try {
          origin = normalizeOrigin(raw ?? '');
        } catch {
          return { ok: false, error: `${flag}에 올바른 URL을 주세요 (받은 값: ${raw ?? '없음'}).` };
        }
        // file://, data:, sandboxed frames and every other opaque origin are all sent as "null":
        // allowing one would allow any local HTML file or data: page on the machine.
        if (origin === 'null' || !/^https?:\/\//.test(origin)) {
          return {
            ok: false,
            error:
              `${flag} ${raw ?? ''}: 이 주소의 origin은 "null"이라 허용할 수 없습니다. file://, data: 등의 페이지는 모두 같은 "null" origin을 보내므로, ` +
              '허용하면 컴퓨터의 아무 HTML 파일이나 에이전트를 쓸 수 있게 됩니다. 사이트를 `npm start`나 `npm run serve`로 띄워 http://localhost 주소로 여세요.',
          };
        }
        if (flag === '--site') options.siteUrl = raw!.replace(/\/+$/, '');
        else extraOrigins.push(origin);
        break;
      }
      case '--context': {
        const context = value();
        if (!context) return { ok: false, error: '--context에는 컨텍스트 이름을 주세요.' };
        options.context = context;
        break;
      }
      case '--allow-edited':
        options.allowEdited = true;
        break;
      case '--no-internet':
        options.noInternet = true;
        break;
      case '--max-runs': {
        const runs = Number(value());
        if (!Number.isInteger(runs) || runs < 1 || runs > 32) return { ok: false, error: '--max-runs에는 1-32 사이의 수를 주세요.' };
        options.maxConcurrentRuns = runs;
        break;
      }
      case '--help':
      case '-h':
        return { ok: false, error: USAGE };
      default:
        return { ok: false, error: `알 수 없는 옵션입니다: ${flag}\n${USAGE}` };
    }
  }
  options.origins = [
    ...new Set([
      normalizeOrigin(DEFAULT_SITE_URL),
      'http://127.0.0.1:3000',
      normalizeOrigin(PUBLISHED_SITE_URL),
      normalizeOrigin(options.siteUrl),
      ...extraOrigins,
    ]),
  ];
  return { ok: true, options };
}

/**
 * The one place the pairing code is written out: the link the reader opens to pair the page.
 * The code is good for one exchange against a session of this agent instance (see sessions.ts).
 */
export function pairingLink(options: AgentOptions, code: string, instance: string): string {
  const agent = options.host === '::1' ? `http://[::1]:${options.port}` : `http://127.0.0.1:${options.port}`;
  return `${options.siteUrl}/docs/connect-cluster#agent=${encodeURIComponent(agent)}&code=${code}&instance=${instance}`;
}
