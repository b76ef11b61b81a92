import { decode as authDecode, encode as authEncode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/config";
import { authSecrets, decodeSessionToken, encodeSessionToken, readSessionClaims } from "@/lib/auth/session-token";

const secret = "a-test-secret-with-enough-entropy-0123456789";
const salt = "authjs.session-token";

describe("session tokens with a cached key", () => {
  it("decodes what Auth.js encodes, and Auth.js decodes what we encode", async () => {
    const theirs = await authEncode({ token: { uid: "u1", sv: 2 }, secret, salt });
    expect(await decodeSessionToken({ token: theirs, secret, salt })).toMatchObject({ uid: "u1", sv: 2 });
    const ours = await encodeSessionToken({ token: { uid: "u2", sv: 0 }, secret, salt, maxAge: 60 });
    const decoded = await authDecode({ token: ours, secret, salt });
    expect(decoded).toMatchObject({ uid: "u2", sv: 0 });
    expect(decoded!.exp! - decoded!.iat!).toBe(60);
  });

  it("refuses another secret, another salt, a tampered token and an expired one", async () => {
    const token = await encodeSessionToken({ token: { uid: "u1" }, secret, salt });
    await expect(decodeSessionToken({ token, secret: "another-secret-of-sufficient-length-000", salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(decodeSessionToken({ token: tampered, secret, salt })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: { uid: "u1" }, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
  });

  it("reads the account id and session version from either cookie name, and null for anything else", async () => {
    const plain = await encodeSessionToken({ token: { uid: "u7", sv: 3 }, secret, salt });
    expect(await readSessionClaims((n) => (n === "authjs.session-token" ? plain : undefined), [secret])).toEqual({ userId: "u7", sessionVersion: 3 });
    const secure = await encodeSessionToken({ token: { uid: "u8" }, secret, salt: "__Secure-authjs.session-token" });
    expect(await readSessionClaims((n) => (n === "__Secure-authjs.session-token" ? secure : undefined), [secret])).toEqual({ userId: "u8", sessionVersion: 0 });
    // A token minted for one cookie name does not work under the other.
    expect(await readSessionClaims((n) => (n === "__Secure-authjs.session-token" ? plain : undefined), [secret])).toBeNull();
    expect(await readSessionClaims(() => "not-a-token", [secret])).toBeNull();
    expect(await readSessionClaims(() => plain, [])).toBeNull();
    const noUid = await encodeSessionToken({ token: { sub: "x" }, secret, salt });
    expect(await readSessionClaims(() => noUid, [secret])).toBeNull();
  });

  it("takes rotated secrets first, as Auth.js does, and still reads tokens made with the older one", async () => {
    expect(authSecrets(parseServerEnv({ AUTH_SECRET: "old", AUTH_SECRET_1: "new" }))).toEqual(["new", "old"]);
    expect(authSecrets(parseServerEnv({ AUTH_SECRET: "a", AUTH_SECRET_1: "b", AUTH_SECRET_3: "d" }))).toEqual(["d", "b", "a"]);
    const old = await authEncode({ token: { uid: "u9" }, secret: "old-secret-of-sufficient-length-0000000", salt });
    expect(await readSessionClaims(() => old, ["new-secret-of-sufficient-length-0000000", "old-secret-of-sufficient-length-0000000"])).toEqual({ userId: "u9", sessionVersion: 0 });
  });
});
