import React, { useId, useState, type ReactNode } from 'react';
import styles from './styles.module.css';

/**
 * An interactive version of the HorizontalPodAutoscaler algorithm for Day 5 S2:
 *   desiredReplicas = ceil[currentReplicas * (currentMetricValue / desiredMetricValue)]
 * with the tolerance rule (no change while the ratio is within [1 - tolerance, 1 + tolerance])
 * and the minReplicas/maxReplicas clamp. It also shows what the default `behavior`
 * does to the result (scale-up rate limit, scale-down stabilization window).
 * Pure arithmetic, no dependencies.
 */

type FieldName = 'current' | 'currentMetric' | 'targetMetric' | 'minReplicas' | 'maxReplicas' | 'tolerance';

type FieldValues = Record<FieldName, string>;

interface FieldSpec {
  name: FieldName;
  label: string;
  hint: string;
  step: string;
  min: string;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'current', label: '현재 레플리카 수', hint: 'Ready 상태로 메트릭이 잡히는 파드 수', step: '1', min: '0' },
  {
    name: 'currentMetric',
    label: '현재 메트릭 값',
    hint: '예: 파드 평균 CPU 사용률(%) = 사용량 ÷ requests',
    step: 'any',
    min: '0',
  },
  {
    name: 'targetMetric',
    label: '목표 메트릭 값',
    hint: '예: target.averageUtilization (%)',
    step: 'any',
    min: '0',
  },
  { name: 'minReplicas', label: '최소 레플리카 (minReplicas)', hint: '생략하면 1', step: '1', min: '1' },
  { name: 'maxReplicas', label: '최대 레플리카 (maxReplicas)', hint: '필수 값', step: '1', min: '1' },
  {
    name: 'tolerance',
    label: '허용 오차 (tolerance)',
    hint: '컨트롤러 기본값 0.1 (10%)',
    step: '0.01',
    min: '0',
  },
];

interface Preset {
  label: string;
  values: FieldValues;
}

const PRESETS: readonly Preset[] = [
  {
    label: '세션 예시: 3개, 80% → 목표 50%',
    values: { current: '3', currentMetric: '80', targetMetric: '50', minReplicas: '2', maxReplicas: '10', tolerance: '0.1' },
  },
  {
    label: '허용 오차 안: 4개, 54% → 목표 50%',
    values: { current: '4', currentMetric: '54', targetMetric: '50', minReplicas: '2', maxReplicas: '10', tolerance: '0.1' },
  },
  {
    label: '최대값에 막힘: 2개, 250% → 목표 90%',
    values: { current: '2', currentMetric: '250', targetMetric: '90', minReplicas: '1', maxReplicas: '2', tolerance: '0.1' },
  },
  {
    label: '축소: 8개, 20% → 목표 60%',
    values: { current: '8', currentMetric: '20', targetMetric: '60', minReplicas: '2', maxReplicas: '10', tolerance: '0.1' },
  },
];

const DEFAULT_VALUES: FieldValues = PRESETS[0]!.values;

/** Floating-point guard: 3 * (80 / 50) is 4.800000000000001 in IEEE 754, 0.7 * 10 may be 7.000000000000001. */
const EPSILON = 1e-9;

interface Inputs {
  current: number;
  currentMetric: number;
  targetMetric: number;
  minReplicas: number;
  maxReplicas: number;
  tolerance: number;
}

type Direction = 'up' | 'down' | 'none';

interface Result {
  ratio: number;
  lowerBound: number;
  upperBound: number;
  withinTolerance: boolean;
  raw: number;
  proposed: number;
  desired: number;
  clampedBy: 'min' | 'max' | undefined;
  direction: Direction;
  /** Largest replica count the default scale-up policies allow in one 15 s period. */
  defaultScaleUpLimit: number;
}

type FieldErrors = Partial<Record<FieldName, string>>;

function parseInputs(values: FieldValues): { inputs?: Inputs; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const blank = (name: FieldName): boolean => values[name].trim() === '';
  const num = (name: FieldName): number => Number(values[name].trim());
  const inputs: Inputs = {
    current: num('current'),
    currentMetric: num('currentMetric'),
    targetMetric: num('targetMetric'),
    minReplicas: blank('minReplicas') ? 1 : num('minReplicas'),
    maxReplicas: num('maxReplicas'),
    tolerance: blank('tolerance') ? 0.1 : num('tolerance'),
  };
  const isInt = (n: number): boolean => Number.isInteger(n);
  if (blank('current') || !isInt(inputs.current) || inputs.current < 0) {
    errors.current = '현재 레플리카 수는 0 이상의 정수여야 합니다.';
  }
  if (blank('currentMetric') || !Number.isFinite(inputs.currentMetric) || inputs.currentMetric < 0) {
    errors.currentMetric = '현재 메트릭 값은 0 이상의 숫자여야 합니다.';
  }
  if (blank('targetMetric') || !Number.isFinite(inputs.targetMetric) || inputs.targetMetric <= 0) {
    errors.targetMetric = '목표 메트릭 값은 0보다 큰 숫자여야 합니다.';
  }
  if (!isInt(inputs.minReplicas) || inputs.minReplicas < 1) {
    errors.minReplicas = 'minReplicas는 1 이상의 정수여야 합니다.';
  }
  if (blank('maxReplicas') || !isInt(inputs.maxReplicas) || inputs.maxReplicas < 1) {
    errors.maxReplicas = 'maxReplicas는 1 이상의 정수여야 합니다.';
  } else if (!errors.minReplicas && inputs.maxReplicas < inputs.minReplicas) {
    errors.maxReplicas = 'maxReplicas는 minReplicas보다 작을 수 없습니다 (API 서버도 이런 HPA를 거부합니다).';
  }
  if (!Number.isFinite(inputs.tolerance) || inputs.tolerance < 0) {
    errors.tolerance = '허용 오차는 0 이상의 숫자여야 합니다.';
  }
  return Object.keys(errors).length > 0 ? { errors } : { inputs, errors };
}

function calculate(i: Inputs): Result {
  const ratio = i.currentMetric / i.targetMetric;
  const lowerBound = 1 - i.tolerance;
  const upperBound = 1 + i.tolerance;
  const withinTolerance = ratio >= lowerBound - EPSILON && ratio <= upperBound + EPSILON;
  const raw = i.current * ratio;
  const proposed = withinTolerance ? i.current : Math.ceil(raw - EPSILON);
  let desired = proposed;
  let clampedBy: Result['clampedBy'];
  if (desired > i.maxReplicas) {
    desired = i.maxReplicas;
    clampedBy = 'max';
  } else if (desired < i.minReplicas) {
    desired = i.minReplicas;
    clampedBy = 'min';
  }
  const direction: Direction = desired > i.current ? 'up' : desired < i.current ? 'down' : 'none';
  // Default scaleUp policies: 100 % of current pods or 4 pods per 15 s, selectPolicy Max.
  const defaultScaleUpLimit = Math.max(i.current * 2, i.current + 4);
  return { ratio, lowerBound, upperBound, withinTolerance, raw, proposed, desired, clampedBy, direction, defaultScaleUpLimit };
}

const fmt = (n: number, digits = 3): string =>
  Number.isInteger(n) ? String(n) : n.toLocaleString('ko-KR', { maximumFractionDigits: digits });

function Explanation({ inputs, result }: { inputs: Inputs; result: Result }): ReactNode {
  if (inputs.current === 0) {
    return (
      <p className={styles.note}>
        현재 레플리카가 0이면 HPA는 스케일링을 하지 않습니다(대상이 0개로 줄어 있으면 자동 스케일링이 꺼진 것으로
        봅니다). 0에서 다시 늘리는 일은 KEDA 같은 도구가 맡습니다.
      </p>
    );
  }
  return (
    <ol className={styles.steps}>
      <li>
        비율 = 현재 값 ÷ 목표 값 = {fmt(inputs.currentMetric)} ÷ {fmt(inputs.targetMetric)} ={' '}
        <strong>{fmt(result.ratio)}</strong>
      </li>
      <li>
        허용 오차 확인: 비율이 {fmt(result.lowerBound)} 이상 {fmt(result.upperBound)} 이하이면 레플리카를 바꾸지
        않습니다.{' '}
        {result.withinTolerance ? (
          <strong>범위 안이므로 현재 {inputs.current}개를 유지합니다.</strong>
        ) : (
          <strong>범위 밖이므로 새로 계산합니다.</strong>
        )}
      </li>
      {result.withinTolerance ? null : (
        <li>
          ceil({inputs.current} × {fmt(result.ratio)}) = ceil({fmt(result.raw)}) = <strong>{result.proposed}</strong>
        </li>
      )}
      <li>
        minReplicas {inputs.minReplicas}, maxReplicas {inputs.maxReplicas} 범위로 제한:{' '}
        {result.clampedBy === 'max' ? (
          <strong>
            {result.proposed}개가 필요하지만 maxReplicas에 막혀 {result.desired}개 (HPA 조건 ScalingLimited=True,
            사유 TooManyReplicas)
          </strong>
        ) : result.clampedBy === 'min' ? (
          <strong>
            {result.proposed}개로 계산되었지만 minReplicas 때문에 {result.desired}개 (사유 TooFewReplicas)
          </strong>
        ) : (
          <strong>범위 안이므로 {result.desired}개</strong>
        )}
      </li>
    </ol>
  );
}

function BehaviorNote({ inputs, result }: { inputs: Inputs; result: Result }): ReactNode {
  if (inputs.current === 0 || result.direction === 'none') return null;
  if (result.direction === 'up') {
    return result.desired > result.defaultScaleUpLimit ? (
      <p className={styles.note}>
        기본 behavior의 scaleUp 정책(15초마다 현재의 100% 또는 4개 중 큰 쪽)으로는 한 번에 최대{' '}
        {result.defaultScaleUpLimit}개까지만 늘어납니다. {result.desired}개에는 다음 주기에 이어서 도달합니다.
      </p>
    ) : (
      <p className={styles.note}>
        확장은 기본 설정에서 안정화 윈도(stabilizationWindowSeconds)가 0초라 다음 동기화 주기(기본 15초)에 바로
        반영됩니다.
      </p>
    );
  }
  return (
    <p className={styles.note}>
      축소는 기본 안정화 윈도 300초가 적용됩니다. 컨트롤러는 지난 5분 동안의 추천값 중 가장 큰 값을 쓰므로, 이 낮은
      추천이 5분 내내 유지되어야 {result.desired}개로 줄어듭니다.
    </p>
  );
}

export default function HpaCalculator(): ReactNode {
  const baseId = useId();
  const [values, setValues] = useState<FieldValues>(DEFAULT_VALUES);
  const { inputs, errors } = parseInputs(values);
  const result = inputs ? calculate(inputs) : undefined;

  const onChange = (name: FieldName) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const next = event.target.value;
    setValues((prev) => ({ ...prev, [name]: next }));
  };

  const directionLabel: Record<Direction, string> = { up: '확장', down: '축소', none: '유지' };

  return (
    <section className={styles.calculator} aria-labelledby={`${baseId}-title`}>
      <h4 id={`${baseId}-title`} className={styles.title}>
        HPA 레플리카 계산기
      </h4>
      <p className={styles.formula}>
        <code>desiredReplicas = ceil[currentReplicas × (currentMetricValue ÷ desiredMetricValue)]</code>
      </p>
      <div className={styles.presets} role="group" aria-label="예시 값 불러오기">
        {PRESETS.map((preset) => (
          <button key={preset.label} type="button" className={styles.preset} onClick={() => setValues(preset.values)}>
            {preset.label}
          </button>
        ))}
      </div>
      <form className={styles.fields} onSubmit={(event) => event.preventDefault()} noValidate>
        {FIELDS.map((field) => {
          const inputId = `${baseId}-${field.name}`;
          const hintId = `${inputId}-hint`;
          const errorId = `${inputId}-error`;
          const error = errors[field.name];
          return (
            <div key={field.name} className={styles.field}>
              <label htmlFor={inputId} className={styles.label}>
                {field.label}
              </label>
              <input
                id={inputId}
                name={field.name}
                className={styles.input}
                type="number"
                inputMode="decimal"
                step={field.step}
                min={field.min}
                value={values[field.name]}
                onChange={onChange(field.name)}
                aria-describedby={error ? `${hintId} ${errorId}` : hintId}
                aria-invalid={error ? true : undefined}
              />
              <span id={hintId} className={styles.hint}>
                {field.hint}
              </span>
              {error ? (
                <span id={errorId} className={styles.fieldError}>
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
      </form>
      <div className={styles.result} aria-live="polite">
        {!inputs || !result ? (
          <p className={styles.errors} role="alert">
            입력값을 고치면 결과가 나타납니다. 잘못된 칸 아래의 안내를 확인하세요.
          </p>
        ) : (
          <>
            <p className={styles.answer}>
              결과: <strong className={styles.answerValue}>{result.desired}개</strong>
              {inputs.current > 0 ? (
                <span className={styles.badge} data-direction={result.direction}>
                  {directionLabel[result.direction]}
                </span>
              ) : null}
            </p>
            <Explanation inputs={inputs} result={result} />
            <BehaviorNote inputs={inputs} result={result} />
          </>
        )}
      </div>
    </section>
  );
}
