import type { ReactNode } from "react";

/**
 * A table's sideways scroller. It takes keyboard focus so that a table wider than the page can be scrolled
 * without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ className, children }: { className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable from the keyboard
    <div className={className ? `table-scroll ${className}` : "table-scroll"} tabIndex={0}>
      {children}
    </div>
  );
}
