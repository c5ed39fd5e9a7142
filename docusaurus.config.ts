import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import { MERMAID_THEMES } from './src/diagrams/config';
import { ADDITIONAL_PRISM_LANGUAGES } from './src/highlight/languages';
import { courseRehypePlugins, courseRemarkPlugins } from './src/remark';

const siteUrl = process.env.SITE_URL ?? 'https://k8s-course.example.org';

const config: Config = {
  title: '쿠버네티스 1주 완성',
  tagline: '내 클러스터에서 직접 실행하며 배우는 한국어 쿠버네티스 과정',
  favicon: 'img/favicon.svg',
  url: siteUrl,
  baseUrl: process.env.BASE_URL ?? '/',
  trailingSlash: false,
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  future: { v4: true, faster: true },
  i18n: { defaultLocale: 'ko', locales: ['ko'], localeConfigs: { ko: { htmlLang: 'ko-KR', label: '한국어' } } },
  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },
  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['ko', 'en'],
        indexBlog: false,
        docsRouteBasePath: '/docs',
        highlightSearchTermsOnTargetPage: true,
        searchResultLimits: 10,
      },
    ],
  ],
  plugins: [
    './src/plugins/notebook-mdx.ts',
    './src/plugins/dev-search-notice.ts',
    './src/plugins/code-theme-css.ts',
    './src/plugins/lazy-prism.ts',
    './src/plugins/lazy-mark.ts',
    './src/plugins/prefetch-once.ts',
    './src/plugins/diagram-fonts-cache.ts',
    './src/plugins/diagram-modules.ts',
  ],
  clientModules: ['./src/client/idle-prefetch.ts'],
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/docs',
          sidebarPath: './sidebars.ts',
          showLastUpdateTime: false,
          beforeDefaultRemarkPlugins: courseRemarkPlugins(__dirname),
          rehypePlugins: courseRehypePlugins(),
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    mermaid: { theme: { ...MERMAID_THEMES } },
    navbar: {
      title: '쿠버네티스 1주 완성',
      logo: { alt: '과정 로고', src: 'img/logo.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'course', position: 'left', label: '과정' },
        { to: '/docs/day1', label: 'Day 1', position: 'left' },
        { to: '/docs/day5', label: 'Day 5', position: 'left' },
        { to: '/docs/final-project', label: '최종 프로젝트', position: 'left' },
        { to: '/docs/connect-cluster', label: '클러스터 연결', position: 'right' },
        { type: 'custom-agentStatus', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: '과정',
          items: [
            { label: '과정 안내', to: '/docs' },
            { label: '클러스터 연결하기', to: '/docs/connect-cluster' },
            { label: '학습 성과 측정', to: '/docs/assessment' },
          ],
        },
        {
          title: '공식 문서',
          items: [
            { label: 'Kubernetes 문서 (한국어)', href: 'https://kubernetes.io/ko/docs/home/' },
            { label: 'Kubernetes API 레퍼런스', href: 'https://kubernetes.io/docs/reference/kubernetes-api/' },
          ],
        },
      ],
      copyright: '쿠버네티스 1주 완성 과정. Kubernetes는 The Linux Foundation의 등록 상표입니다.',
    },
    prism: {
      theme: prismThemes.vsLight,
      darkTheme: prismThemes.oceanicNext,
      additionalLanguages: [...ADDITIONAL_PRISM_LANGUAGES],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
