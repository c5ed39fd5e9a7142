import MDXComponents from '@theme-original/MDXComponents';
import RunnableCell from '@site/src/components/RunnableCell';
import CodeSnippet from '@site/src/components/CodeSnippet';
import MermaidDiagram from '@site/src/components/MermaidDiagram';
import NotebookToolbar from '@site/src/components/RunnableCell/NotebookToolbar';
import Table from '@site/src/components/Scrollable/Table';

/** The remark plugin writes these elements, so every MDX page must know them without an import. */
export default {
  ...MDXComponents,
  RunnableCell,
  NotebookToolbar,
  CodeSnippet,
  MermaidDiagram,
  table: Table,
};
