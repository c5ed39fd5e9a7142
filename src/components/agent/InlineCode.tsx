import React, { type ReactNode } from 'react';

/**
 * The agent's messages carry Markdown inline code (`npm run agent`). The page shows it as code,
 * not as raw backticks, without shipping a Markdown parser: inline code is all they use.
 */
export default function InlineCode({ text }: { text: string }): ReactNode {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>;
}
