import { toggleFollowAction } from "@/app/notifications/actions";
import { ActionForm } from "./ActionForm";

export function FollowButton({ targetType, targetId, following, path }: { targetType: "petition" | "program"; targetId: string; following: boolean; path: string }) {
  return (
    <ActionForm
      action={toggleFollowAction}
      hidden={{ targetType, targetId, following: String(following), path }}
      submitLabel={following ? "Unfollow" : "Follow"}
      variant="secondary"
    />
  );
}
