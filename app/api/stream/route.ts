import { streamQuerySchema } from "@/lib/api/schemas";
import { parseInput } from "@/lib/errors";
import { errorResponse } from "@/lib/http/json";
import { subscribe, type LiveMessage } from "@/lib/live/hub";

export const dynamic = "force-dynamic";

/**
 * GET /api/stream?petition={id}: Server-Sent Events. Sends `count` messages for that petition
 * (or for every petition when none is given) and `event` messages for new timeline events that
 * match. Public data only; no session is read.
 */
export function GET(request: Request) {
  let petitionId: string | undefined;
  try {
    petitionId = parseInput(streamQuerySchema, { petition: new URL(request.url).searchParams.get("petition") ?? undefined }).petition;
  } catch (error) {
    return errorResponse(error);
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (name: string, data: unknown) => {
        try {
          controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          cleanup();
        }
      };
      // Ask browsers to wait 3 s before reconnecting after a drop.
      controller.enqueue(encoder.encode("retry: 3000\n: connected\n\n"));
      const unsubscribe = subscribe((message: LiveMessage) => {
        if (message.type === "count") {
          if (!petitionId || message.petitionId === petitionId) send("count", { id: message.petitionId, signatureCount: message.signatureCount });
        } else if (!petitionId || message.event.subject?.id === petitionId) {
          send("event", message.event);
        }
      });
      // A comment line every 20 s keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(": keep-alive\n\n"));
        } catch {
          cleanup();
        }
      }, 20_000);
      cleanup = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
