import { useTranslations } from "next-intl";
import type { ProgramStatusNow } from "@/lib/programs";
import { Badge, type Glyph, type Tone } from "./StateBadge";

/** A program's status with a tone, a glyph and words (decision 022): active monitoring is the warning tone. */
const MARKS: Record<ProgramStatusNow, { tone: Tone; glyph: Glyph }> = {
  proposed: { tone: "neutral", glyph: "draft" },
  not_started: { tone: "neutral", glyph: "clock" },
  active: { tone: "negative", glyph: "dot" },
  paused: { tone: "progress", glyph: "half" },
  ended: { tone: "neutral", glyph: "square" },
};

/** A program's status as its dates say (programStatusNow): pass `statusNow`, never the recorded status. */
export function ProgramStatusBadge({ status }: { status: ProgramStatusNow }) {
  const m = MARKS[status];
  const t = useTranslations("ProgramStatus");
  return (
    <Badge tone={m.tone} glyph={m.glyph} testId="program-status">
      {t(status)}
    </Badge>
  );
}
