import React, { type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import { WEEK } from './_week';
import styles from './index.module.css';

function DayCard({ plan }: { plan: (typeof WEEK)[number] }): ReactNode {
  return (
    <article className={styles.day}>
      <Heading as="h3">
        <Link to={`/docs/day${plan.day}`}>
          Day {plan.day} · {plan.title}
        </Link>
      </Heading>
      <ul>
        {plan.sessions.map((session) => (
          <li key={session}>{session}</li>
        ))}
      </ul>
      <p>
        <strong>🛠️ 실습</strong> {plan.lab}
      </p>
      <p>
        <strong>🎮 챌린지</strong> {plan.challenge}
      </p>
    </article>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout title="쿠버네티스 1주 완성" description="내 클러스터에서 직접 실행하며 배우는 5일 한국어 쿠버네티스 과정">
      <main className="container">
        <header className={styles.hero}>
          <Heading as="h1">쿠버네티스 1주 완성</Heading>
          <p className="hero__subtitle">
            5일 동안 아키텍처부터 운영까지. 페이지의 명령과 매니페스트를 내 클러스터에서 바로 실행하고, 확인 버튼으로
            결과를 검증합니다.
          </p>
          <div className={styles.actions}>
            <Link className="button button--primary button--lg" to="/docs/day1">
              Day 1부터 시작하기
            </Link>
            <Link className="button button--secondary button--lg" to="/docs/connect-cluster">
              내 클러스터 연결하기
            </Link>
          </div>
        </header>

        <section className={styles.section} aria-labelledby="week">
          <Heading as="h2" id="week">
            한 주의 구성
          </Heading>
          <p>
            하루는 50분 세션 세 개, 90분 실습(Lab), 90분 챌린지로 이루어집니다. 세션에서 개념을 배우고, 실습에서
            단계마다 확인 셀로 결과를 검증하며, 챌린지에서는 일부러 고장 낸 클러스터를 진단하고 고칩니다.
          </p>
          <div className={styles.days}>
            {WEEK.map((plan) => (
              <DayCard key={plan.day} plan={plan} />
            ))}
          </div>
        </section>

        <section className={styles.section} aria-labelledby="project">
          <Heading as="h2" id="project">
            최종 프로젝트와 평가
          </Heading>
          <p>
            마지막에는 다섯 날의 내용을 모아 “Production-Ready Kubernetes Platform”을 만듭니다. 네임스페이스 분리,
            오토스케일링, StatefulSet, NetworkPolicy, RBAC, 모니터링까지 갖춘 플랫폼을 팀으로 구축하고, 자동 채점
            셀이 내 클러스터를 점검해 루브릭 점수를 보여 줍니다. <Link to="/docs/final-project">최종 프로젝트</Link>와{' '}
            <Link to="/docs/assessment">학습 성과 측정</Link>을 보세요.
          </p>
        </section>

        <section className={styles.section} aria-labelledby="connect">
          <Heading as="h2" id="connect">
            클러스터 연결하기
          </Heading>
          <ol className={styles.steps}>
            <li>
              1. 노트북에 kind 클러스터를 만듭니다: <code>kind create cluster --config scripts/cluster/kind-config.yaml</code>
            </li>
            <li>
              2. 저장소에서 <code>npm start</code>로 사이트와 로컬 에이전트를 함께 띄웁니다.
            </li>
            <li>3. 에이전트가 출력한 연결 링크를 열면, 페이지의 셀을 내 클러스터에서 실행할 수 있습니다.</li>
          </ol>
          <p>
            클러스터가 없어도 됩니다. 모든 셀에는 복사 버튼이 있고, 주요 명령에는 예상 출력이 함께 실려 있습니다.{' '}
            <Link to="/docs/connect-cluster">자세한 안내</Link>
          </p>
        </section>
      </main>
    </Layout>
  );
}
