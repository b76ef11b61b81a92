import { STATUS_LABELS, type ProgramStatus } from "@/lib/programs";
import { Badge, type Glyph, type Tone } from "./StateBadge";

/** A program's status with a tone, a glyph and words (decision 022): active monitoring is the warning tone. */
const MARKS: Record<ProgramStatus, { tone: Tone; glyph: Glyph }> = {
  proposed: { tone: "neutral", glyph: "draft" },
  active: { tone: "negative", glyph: "dot" },
  paused: { tone: "progress", glyph: "half" },
  ended: { tone: "neutral", glyph: "square" },
};

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  const m = MARKS[status];
  return <Badge tone={m.tone} glyph={m.glyph}>{STATUS_LABELS[status]}</Badge>;
}
