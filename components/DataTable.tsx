import type { ReactNode } from "react";

/** The house table: scrolls sideways when too wide, a caption (visible or for screen readers), column headers. */
export function DataTable({
  caption,
  hideCaption = false,
  columns,
  children,
}: {
  caption: ReactNode;
  hideCaption?: boolean;
  columns: readonly ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed column order
              <th scope="col" key={i}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
