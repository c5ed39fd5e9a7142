import MDXComponents from '@theme-original/MDXComponents';
import RunnableCell from '@site/src/components/RunnableCell';

/** `<RunnableCell>` is written by the remark plugin, so every MDX page must know it without an import. */
export default {
  ...MDXComponents,
  RunnableCell,
};
