import { decode as authDecode, encode as authEncode } from "@auth/core/jwt";
import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/config";
import { authSecrets, decodeSessionToken, decryptCbcHs512, encodeSessionToken, readSessionClaims } from "@/lib/auth/session-token";

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

describe("decoding the form Auth.js issues with node:crypto (decision 036)", () => {
  const parts = (token: string) => token.split(".");
  const flip = (segment: string, at: number) => {
    const bytes = Buffer.from(segment, "base64url");
    bytes[at] = bytes[at]! ^ 0x01;
    return bytes.toString("base64url");
  };

  it("decrypts RFC 7518's own test case for AES_256_CBC_HMAC_SHA_512 (appendix B.3) and refuses it with one bit changed", () => {
    const key = Uint8Array.from({ length: 64 }, (_, i) => i);
    const iv = Buffer.from("1af38c2dc2b96ffdd86694092341bc04", "hex");
    const aad = "The second principle of Auguste Kerckhoffs";
    const ciphertext = Buffer.from(
      "4affaaadb78c31c5da4b1b590d10ffbd3dd8d5d302423526912da037ecbcc7bd822c301dd67c373bccb584ad3e9279c2e6d12a1374b77f077553df829410446b" +
        "36ebd97066296ae6427ea75c2e0846a11a09ccf5370dc80bfecbad28c73f09b3a3b75e662a2594410ae496b2e2e6609e31e6e02cc837f053d21f37ff4f51950bbe2638d09dd7a4930930806d0703b1f6",
      "hex",
    );
    const tag = Buffer.from("4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5", "hex");
    expect(decryptCbcHs512(key, aad, iv, ciphertext, tag)?.toString()).toBe(
      "A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience",
    );
    expect(decryptCbcHs512(key, `${aad}.`, iv, ciphertext, tag)).toBeNull();
    expect(decryptCbcHs512(key, aad, iv, ciphertext, Buffer.from(tag.map((b, i) => (i === 0 ? b ^ 1 : b))))).toBeNull();
    expect(decryptCbcHs512(key.subarray(0, 32), aad, iv, ciphertext, tag)).toBeNull();
  });

  it("gives what jose gives, for every payload shape a session carries", async () => {
    for (const token of [{ uid: "u1", sv: 2 }, { uid: "ü-名前", sv: 0, name: "Maya Lindqvist", nested: { a: [1, 2] } }, {}]) {
      const issued = await authEncode({ token, secret, salt });
      const ours = await decodeSessionToken({ token: issued, secret, salt });
      const theirs = await authDecode({ token: issued, secret, salt });
      expect(ours).toEqual(theirs);
    }
  });

  it("refuses a token whose header, IV, ciphertext or tag was changed, or spelled another way", async () => {
    const token = await authEncode({ token: { uid: "u1" }, secret, salt });
    const [header, key, iv, ciphertext, tag] = parts(token) as [string, string, string, string, string];
    const otherHeader = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header, "base64url").toString()), kid: "x" })).toString("base64url");
    for (const changed of [
      [otherHeader, key, iv, ciphertext, tag],
      [header, key, flip(iv, 0), ciphertext, tag],
      [header, key, iv, flip(ciphertext, 5), tag],
      [header, key, iv, ciphertext, flip(tag, 31)],
      [header, key, iv, ciphertext, tag.slice(0, -2)],
      [header, key, iv, `${ciphertext.slice(0, 4)}*${ciphertext.slice(4)}`, tag],
      [header, "AAAA", iv, ciphertext, tag],
    ]) {
      await expect(decodeSessionToken({ token: changed.join("."), secret, salt })).rejects.toThrow();
    }
    expect(await readSessionClaims(() => [header, key, iv, flip(ciphertext, 0), tag].join("."), [secret])).toBeNull();
  });

  it("checks exp and nbf with jose's fifteen seconds of tolerance", async () => {
    const now = Math.floor(Date.now() / 1000);
    const within = await authEncode({ token: { uid: "u1", nbf: now + 10 }, secret, salt, maxAge: 60 });
    expect(await decodeSessionToken({ token: within, secret, salt })).toMatchObject({ uid: "u1" });
    const early = await authEncode({ token: { uid: "u1", nbf: now + 60 }, secret, salt, maxAge: 600 });
    await expect(decodeSessionToken({ token: early, secret, salt })).rejects.toThrow(/nbf/);
    const justExpired = await encodeSessionToken({ token: { uid: "u1" }, secret, salt, maxAge: -5 });
    expect(await decodeSessionToken({ token: justExpired, secret, salt })).toMatchObject({ uid: "u1" });
    const expired = await encodeSessionToken({ token: { uid: "u1" }, secret, salt, maxAge: -30 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow(/exp/);
  });

  it("leaves any other form to jose, which decodes A256GCM and refuses the rest", async () => {
    const { EncryptJWT } = await import("jose");
    const { hkdfSync } = await import("node:crypto");
    const gcmKey = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32));
    const gcm = await new EncryptJWT({ uid: "u3" }).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setExpirationTime("1m").encrypt(gcmKey);
    expect(await decodeSessionToken({ token: gcm, secret, salt })).toMatchObject({ uid: "u3" });
    await expect(decodeSessionToken({ token: "a.b.c", secret, salt })).rejects.toThrow();
  });
});
