import type { ReactNode } from "react";
import { TableScroll } from "@/components/TableScroll";
import dashboard from "./dashboard/Dashboard.module.css";

/** The house table: scrolls sideways when too wide, a caption (visible or for screen readers), column headers. */
export function DataTable({
  caption,
  hideCaption = false,
  columns,
  numeric = [],
  children,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  columns: readonly ReactNode[];
  /** Indexes of the columns holding numbers: right-aligned, tabular figures. */
  numeric?: readonly number[];
  children: ReactNode;
}) {
  return (
    <TableScroll>
      <table className="data-table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed column order
              <th scope="col" key={i} className={numeric.includes(i) ? dashboard.numeric : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
