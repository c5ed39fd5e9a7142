import React, { type ReactNode } from 'react';
import clsx from 'clsx';
import type { Props } from '@theme/Navbar/Search';
import styles from './styles.module.css';

/**
 * Docusaurus's search slot, ejected for one rule: below 997px the original positions it absolutely
 * at the navbar's right edge, on top of whatever else is there. Our navbar keeps the agent status
 * on phones, and the search button covered its end. Here the slot stays in the flex row, after
 * the status.
 */
export default function NavbarSearch({ children, className }: Props): ReactNode {
  return <div className={clsx(className, styles.navbarSearchContainer)}>{children}</div>;
}
