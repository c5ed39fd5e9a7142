import React, { type ReactNode } from 'react';
import { AgentProvider } from '@site/src/components/agent/AgentContext';

/** The agent connection is site-wide: the navbar and every cell share one pairing. */
export default function Root({ children }: { children: ReactNode }): ReactNode {
  return <AgentProvider>{children}</AgentProvider>;
}
