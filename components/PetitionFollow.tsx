"use client";

// Follow a public petition, for someone signed in: a client part (docs/decisions/035), as the Sign
// panel is, so the shared page served from the cache shows it once GET /api/me has answered.
import { useTranslations } from "next-intl";
import { FollowButton } from "./FollowButton";
import { useAccount, usePetitionViewer } from "./personal/PersonalParts";
import type { PetitionViewer } from "@/lib/personal/view";

export function PetitionFollow({ petitionId, path, viewer: rendered }: { petitionId: string; path: string; viewer: PetitionViewer | null }) {
  const t = useTranslations("FollowButton");
  const account = useAccount();
  const viewer = usePetitionViewer(petitionId, rendered);
  if (!account || !viewer) return null;
  return (
    <>
      <FollowButton targetType="petition" targetId={petitionId} following={viewer.following} path={path} />
      <p className="mt-1 text-sm text-muted">{t("followingStored")}</p>
    </>
  );
}
