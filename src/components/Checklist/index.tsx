import React, { Children, createContext, isValidElement, useContext, type ReactNode } from 'react';
import { useChecked, type CheckedState } from './useChecked';
import styles from './styles.module.css';

/**
 * A list of things the reader ticks off, remembered in this browser (see ./store).
 * Each item is a `<ChecklistItem id label>` whose children say where to learn or check it:
 *
 *   <Checklist id="day1" title="Day 1: 아키텍처 이해도">
 *     <ChecklistItem id="etcd" label="ETCD 데이터 직접 조회 가능">[Lab 1의 3단계](../day1/lab.mdx#...)</ChecklistItem>
 *   </Checklist>
 *
 * Ids are the storage keys: change an id and readers lose that tick.
 */
export interface ChecklistProps {
  /** Stable, unique on the site: `[a-z0-9-]+`. */
  id: string;
  title: string;
  /** Points the whole list is worth; shown as each item's share. */
  weight?: number;
  children: ReactNode;
}

export interface ChecklistItemProps {
  /** Stable within the list: `[a-z0-9-]+`. */
  id: string;
  /** The checkbox's accessible name (plain text). */
  label: string;
  children?: ReactNode;
}

const ListContext = createContext<{ listId: string; state: CheckedState } | null>(null);

export function ChecklistItem({ id, label, children }: ChecklistItemProps): ReactNode {
  const list = useContext(ListContext);
  if (!list) throw new Error('ChecklistItem은 Checklist 안에 있어야 합니다.');
  const inputId = `checklist-${list.listId}-${id}`;
  return (
    <li className={styles.item} data-item-id={id}>
      <input
        type="checkbox"
        className={styles.box}
        id={inputId}
        checked={list.state.checked.has(id)}
        onChange={(event) => list.state.toggle(id, event.target.checked)}
      />
      <label htmlFor={inputId} className={styles.label}>
        {label}
      </label>
      {children ? <div className={styles.where}>{children}</div> : null}
    </li>
  );
}

/** Item ids as written in the page; ticks stored for ids no longer on the page do not count. */
function itemIds(children: ReactNode): string[] {
  return Children.toArray(children).flatMap((child) =>
    isValidElement<Partial<ChecklistItemProps>>(child) && typeof child.props.id === 'string' && typeof child.props.label === 'string' ? [child.props.id] : [],
  );
}

const formatPoints = (points: number): string => (Number.isInteger(points) ? String(points) : points.toFixed(1));

export default function Checklist({ id, title, weight, children }: ChecklistProps): ReactNode {
  const state = useChecked(id);
  const ids = itemIds(children);
  const done = ids.filter((item) => state.checked.has(item)).length;
  const share = weight !== undefined && ids.length > 0 ? weight / ids.length : undefined;
  return (
    <ListContext.Provider value={{ listId: id, state }}>
      <fieldset className={styles.checklist} data-checklist-id={id} data-ready={state.ready ? 'true' : 'false'}>
        <legend className={styles.title}>{title}</legend>
        <p className={styles.progress} aria-live="polite" data-done={done} data-total={ids.length}>
          {`${ids.length}개 중 ${done}개 확인${share !== undefined ? ` · 배점 ${weight}점 (항목당 ${formatPoints(share)}점)` : ''}`}
        </p>
        <ul className={styles.items}>{children}</ul>
        <button
          type="button"
          className="button button--sm button--secondary"
          data-action="reset"
          aria-label={`${title} 체크 초기화`}
          disabled={done === 0}
          onClick={state.reset}
        >
          체크 초기화
        </button>
      </fieldset>
    </ListContext.Provider>
  );
}
