import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import type { JsonError } from "@/lib/http/json";

/**
 * Auth.js answers requests it cannot parse (an unknown action, a session update without its
 * token) with a bare 400 holding `"Bad request."` or `null`. Those become the API's usual error
 * with a message that says what to do; every other answer (redirects, sessions) passes as is.
 */
async function explained(response: Response): Promise<Response> {
  if (response.status < 400 || response.status >= 500) return response;
  return Response.json(
    { error: { code: "invalid_input", message: "This sign-in request is not one Undersigned understands. Start again from the sign-in page at /signin." } } satisfies JsonError,
    { status: response.status, headers: { "Cache-Control": "no-store" } },
  );
}

export async function GET(request: NextRequest) {
  return explained(await handlers.GET(request));
}

export async function POST(request: NextRequest) {
  return explained(await handlers.POST(request));
}
