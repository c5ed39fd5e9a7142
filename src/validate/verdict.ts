import type { ObjectItem } from './collect';

/** What one check (cluster or offline) says about one object, before lines and expect-invalid. */
export interface Verdict {
  item: ObjectItem;
  outcome: 'accepted' | 'rejected' | 'error';
  /** For `rejected` and `error`: each problem, with the API field path when known. Korean. */
  problems: { field?: string; message: string }[];
  /** Everything the checker said, verbatim, for matching `expect-invalid` text. */
  text: string;
  warnings: string[];
}
