/** A phase's title, dates and goal, heading the overview and the roadmap (labels the section `phase-heading`). */
export function PhaseHeading({
  phase,
  metaClassName,
}: {
  phase: { number?: number; name: string; start: string; end: string; goal?: string };
  metaClassName?: string;
}) {
  return (
    <>
      <h2 id="phase-heading">
        {phase.number !== undefined ? `Phase ${phase.number}: ` : ""}
        {phase.name}
      </h2>
      <p className={`muted ${metaClassName ?? ""}`}>
        {phase.start} – {phase.end}
        {phase.goal ? `. ${phase.goal}` : ""}
      </p>
    </>
  );
}
