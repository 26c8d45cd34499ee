// A table with its header row: each column a label (a tooltip where the label needs one; `srOnly` for a column
// that has no visible heading, such as row actions), the rows as children; `label` names the table for screen readers.
import type { ReactNode } from 'react';
import './ui.css';

export interface Column {
  label: string;
  title?: string;
  srOnly?: boolean;
}

export function DataTable({
  className,
  testId,
  label,
  columns,
  children,
}: {
  className: string;
  testId?: string;
  /** The table's accessible name, where no heading names it. */
  label?: string;
  columns: readonly (string | Column)[];
  children: ReactNode;
}) {
  return (
    <table className={className} data-testid={testId} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => {
            const col = typeof c === 'string' ? { label: c } : c;
            return (
              <th key={col.label} scope="col" title={col.title}>
                {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The trailing column of row actions (buttons), named for screen readers only. */
export const ACTIONS_COLUMN: Column = { label: 'Actions', srOnly: true };
