// Text rules shared by every domain module. Found by the route fuzzer on PostgreSQL: a comment
// of one unpaired surrogate ("\ud800") passed validation and PostgreSQL refused to store it (500).
import { describe, expect, it } from "vitest";
import { postCommentSchema } from "@/lib/comments";
import { invalidInput } from "@/lib/errors";
import { LONE_SURROGATE, multilineText, singleLineText } from "@/lib/validation";

describe("text people write", () => {
  it("refuses half of a surrogate pair, alone or beside text, with a message a person can act on", () => {
    for (const bad of ["\ud800", "a\udc00b", "end\ud83d", "\ude00start"]) {
      expect(LONE_SURROGATE.test(bad)).toBe(true);
      const single = singleLineText("title", 1, 100).safeParse(bad);
      expect(single.success).toBe(false);
      expect(invalidInput(single.error!.issues).message).toBe("The title contains a broken character (half of an emoji or other symbol); please retype it.");
      expect(invalidInput(single.error!.issues).localized("de").message).toBe("Der Titel enthält ein kaputtes Zeichen (die Hälfte eines Emojis oder anderen Symbols); bitte tippen Sie es neu.");
      expect(multilineText("background", 1, 100).safeParse(bad).success).toBe(false);
      const comment = postCommentSchema.safeParse({ thread: { programSlug: "p" }, body: bad, token: {} });
      expect(comment.success).toBe(false);
    }
  });

  it("keeps whole emoji and other characters outside the basic plane", () => {
    for (const good of ["🙂", "Keystrokes 👀 are not consent", "𝔘𝔫𝔡𝔢𝔯𝔰𝔦𝔤𝔫𝔢𝔡"]) {
      expect(LONE_SURROGATE.test(good)).toBe(false);
      expect(singleLineText("title", 1, 100).safeParse(good).success).toBe(true);
      expect(postCommentSchema.safeParse({ thread: { programSlug: "p" }, body: good, token: {} }).success).toBe(true);
    }
  });
});
