import { useTranslations } from "next-intl";
import { toggleFollowAction } from "@/app/notifications/actions";
import { ActionForm } from "./ActionForm";

export function FollowButton({ targetType, targetId, following, path }: { targetType: "petition" | "program"; targetId: string; following: boolean; path: string }) {
  const t = useTranslations("FollowButton");
  return (
    <ActionForm
      action={toggleFollowAction}
      hidden={{ targetType, targetId, following: String(following), path }}
      submitLabel={following ? t("unfollow") : t("follow")}
      variant="secondary"
    />
  );
}
