import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { CellProblem } from './types';

/**
 * "Unpinned install" check: a lab that installs whatever is newest today breaks
 * silently tomorrow. Every command and manifest in a code block (runnable or
 * not: readers copy both) must name the exact chart, release, image or commit.
 */

const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);
const YAML_LANGS = new Set(['yaml', 'yml']);

/** A logical command: continuation lines joined, with the line it starts on. */
interface Command {
  line: number;
  text: string;
}

const URL = /\bhttps?:\/\/[^\s"'`<>)]+/g;
/** A branch that moves: /main/, /master/, /HEAD/, ?ref=main. */
const MOVING_BRANCH = /\/(?:main|master|HEAD)(?:\/|$)|[?&]ref=(?:main|master|HEAD)\b/;
/** A path segment "latest": a download that changes from day to day. */
const LATEST_PATH = /\/latest(?:\/|$)/;
/** Something that looks like a version or a commit in a URL path. */
const VERSIONED_URL = /\/v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?(?:\/|$)|\/[0-9a-f]{40}(?:\/|$)|[@=/]v\d+\.\d+/;
/** Commands that download what a URL points at (a URL in `cosign verify --certificate-identity` is a name, not a download). */
const FETCHES = /\b(?:curl|wget|kubectl|helm|kustomize|git\s+clone|docker|oras|http)\b/;
const HELM_INSTALL = /\bhelm\s+(?:upgrade|install)\b/;
const GO_INSTALL_MOVING = /\bgo\s+(?:install|get|run)\s+\S+@(?:latest|main|master|HEAD)\b/;
const KUBECTL_FROM_URL = /\bkubectl\s+(?:apply|create|replace)\b.*?(?:-f|--filename)[=\s]+(https?:\/\/\S+)/;
const IMAGE_FLAG = /--image[=\s]+["']?([^\s"']+)/g;
const IMAGE_KEY = /^\s*(?:-\s+)?image:\s*["']?([^\s"'#]+)/;

function commandsOf(value: string, firstLine: number): Command[] {
  const commands: Command[] = [];
  let current: Command | undefined;
  value.split('\n').forEach((raw, index) => {
    // A comment is not a command (`# helm install ... 는 쓰지 마세요`).
    const line = raw.replace(/(^|\s)#.*$/, '$1');
    const continued = /\\\s*$/.test(line);
    const text = line.replace(/\\\s*$/, ' ');
    if (current) current.text += ` ${text}`;
    else current = { line: firstLine + index, text };
    if (!continued) {
      commands.push(current);
      current = undefined;
    }
  });
  if (current) commands.push(current);
  return commands;
}

/** Why an image reference is not pinned, or undefined when it is (tag or digest, not `latest`). */
function unpinnedImage(ref: string): string | undefined {
  if (/[$`{}<]/.test(ref)) return undefined; // a variable or a placeholder the reader fills in
  if (ref.includes('@sha256:')) return undefined;
  const lastSegment = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1) return `이미지 "${ref}"에 태그가 없습니다(암묵적으로 :latest)`;
  if (lastSegment.slice(colon + 1) === 'latest') return `이미지 "${ref}"가 :latest 태그입니다`;
  return undefined;
}

function shellProblems(command: Command): string[] {
  const found: string[] = [];
  const { text } = command;
  if (HELM_INSTALL.test(text) && !/\s--version[=\s]/.test(text)) {
    const local = /\s(?:\.{1,2}\/|\/)\S*|\s\.(?:\s|$)/.test(text.slice(text.search(HELM_INSTALL)));
    if (!local) found.push('helm install/upgrade에 --version이 없어 그날의 최신 차트가 설치됩니다');
  }
  if (/releases\/latest\b/.test(text)) found.push('"releases/latest"는 날마다 다른 릴리스를 가리킵니다');
  if (/\bdownloadIstio\b/.test(text) && !/\bISTIO_VERSION=\S/.test(text)) found.push('ISTIO_VERSION 없이 실행한 downloadIstio는 그날의 최신 Istio를 받습니다');
  if (GO_INSTALL_MOVING.test(text)) found.push('go install의 @latest(또는 브랜치)는 날마다 다른 버전을 설치합니다');
  for (const url of text.match(URL) ?? []) {
    const downloaded = FETCHES.test(text) || url.includes('raw.githubusercontent.com');
    if (downloaded && MOVING_BRANCH.test(url)) found.push(`URL ${url}은 움직이는 브랜치를 가리킵니다`);
    // A download path named "latest" (go.kubebuilder.io/dl/latest/...) moves like releases/latest, reported above.
    else if (downloaded && LATEST_PATH.test(url) && !/releases\/latest\b/.test(url)) found.push(`URL ${url}은 그날의 최신 버전("latest")을 내려받습니다`);
  }
  const fromUrl = KUBECTL_FROM_URL.exec(text)?.[1];
  if (fromUrl && !MOVING_BRANCH.test(fromUrl) && !/releases\/latest/.test(fromUrl) && !VERSIONED_URL.test(fromUrl)) {
    found.push(`kubectl이 적용하는 URL ${fromUrl}에 버전이 없습니다`);
  }
  for (const image of text.matchAll(IMAGE_FLAG)) {
    const why = unpinnedImage(image[1] ?? '');
    if (why) found.push(why);
  }
  const key = IMAGE_KEY.exec(text)?.[1];
  if (key) {
    const why = unpinnedImage(key);
    if (why) found.push(why);
  }
  return found;
}

function yamlProblems(value: string, firstLine: number): Array<{ line: number; why: string }> {
  const found: Array<{ line: number; why: string }> = [];
  value.split('\n').forEach((line, index) => {
    const ref = IMAGE_KEY.exec(line.replace(/\s#.*$/, ''))?.[1];
    const why = ref ? unpinnedImage(ref) : undefined;
    if (why) found.push({ line: firstLine + index, why });
  });
  return found;
}

const ADVICE =
  '차트는 --version, 릴리스는 releases/download/<버전>, 이미지는 태그(또는 다이제스트), URL은 태그나 커밋으로 고정하고, 본문에 확인한 버전을 적으세요.';

/** Every unpinned install in a file's code blocks, at the line of the command. Pure. */
export function checkPins(tree: Root, file: string): CellProblem[] {
  const problems: CellProblem[] = [];
  visit(tree, 'code', (node: Code) => {
    const lang = (node.lang ?? '').toLowerCase();
    const firstLine = (node.position?.start.line ?? 1) + 1;
    const report = (line: number, why: string): void => {
      problems.push({ code: 'unpinned-install', file, line, column: 1, message: `고정되지 않은 설치: ${why}. ${ADVICE}` });
    };
    if (SHELL_LANGS.has(lang)) {
      for (const command of commandsOf(node.value, firstLine)) for (const why of shellProblems(command)) report(command.line, why);
    } else if (YAML_LANGS.has(lang)) {
      for (const { line, why } of yamlProblems(node.value, firstLine)) report(line, why);
    }
  });
  return problems;
}
